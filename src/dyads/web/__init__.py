"""The analyst's workspace: a read-only REST API and server-rendered pages over one ``App``.

``server.create_app`` builds the FastAPI application; ``api`` holds the JSON
endpoints, ``pages`` the HTML pages (Jinja2 templates in ``templates/``, with
autoescaping everywhere), ``charts`` the geometry of the timeline and graph
drawings, ``safety`` what keeps untrusted article text inert.
"""
