"""PLOVER types in several syntactic frames: active, passive, nominal, coordinated, reported.

Every sentence is written for this test (none is taken from the gold articles). Each case
names the type expected and the parties: a tuple when the event is directed (who acts,
then towards whom), a set when the parties act alike.
"""

import pytest

PUBLISHED = "2025-02-12"

CASES = [
    # CONSULT
    ("active", "CONSULT", "Peruvian President Luis Arce met Chilean President Gabriel Boric in Lima on Monday.", {"PER", "CHL"}),
    ("nominal", "CONSULT", "Norway held talks with Finland on Arctic fisheries on Tuesday.", {"NOR", "FIN"}),
    ("coordinated", "CONSULT", "Ghana and Togo held consultations on border security on Monday.", {"GHA", "TGO"}),
    ("phone", "CONSULT", "The Dutch prime minister spoke with Belgium's prime minister by telephone on Sunday.", {"NLD", "BEL"}),
    ("visit", "CONSULT", "Kenya's president paid an official visit to Tanzania on Monday.", ("KEN", "TZA")),
    # AGREE
    ("active", "AGREE", "Chile and Argentina agreed to build a new border crossing, the two governments said.", {"CHL", "ARG"}),
    ("nominal", "AGREE", "Sudan reached an agreement with South Sudan on oil transit fees on Friday.", {"SDN", "SSD"}),
    # SUPPORT
    ("active", "SUPPORT", "Portugal praised Brazil for its handling of the climate summit.", ("PRT", "BRA")),
    ("nominal", "SUPPORT", "Austria expressed support for Slovenia's candidacy on Monday.", ("AUT", "SVN")),
    ("reported", "SUPPORT", "Spain backs Morocco's autonomy plan, the Spanish foreign minister said on Friday.", ("ESP", "MAR")),
    # COOPERATE
    ("active", "COOPERATE", "Denmark and Iceland cooperate closely on fisheries research.", {"DNK", "ISL"}),
    ("nominal", "COOPERATE", "Vietnam and Laos held a joint military exercise along their border in May.", {"VNM", "LAO"}),
    # AID
    ("active", "AID", "Japan donated 40 ambulances to Mongolia on Thursday.", ("JPN", "MNG")),
    ("nominal", "AID", "Sweden unveiled a new humanitarian aid package for Somalia on Monday.", ("SWE", "SOM")),
    # RETREAT
    ("active", "RETREAT", "Russia withdrew its peacekeepers from Azerbaijan's Karabakh region in April.", ("RUS", "AZE")),
    ("phrasal", "RETREAT", "France pulled out its troops from Niger last year.", ("FRA", "NER")),
    # CONCEDE
    ("active", "CONCEDE", "Venezuela released six American citizens on Saturday.", ("VEN", "USA")),
    ("nominal", "CONCEDE", "Turkey lifted its sanctions on Sweden after the vote.", ("TUR", "SWE")),
    # ACCUSE
    ("active", "ACCUSE", "Pakistan condemned India over the killing of two civilians near the border.", ("PAK", "IND")),
    ("passive", "ACCUSE", "The Danish ambassador was summoned by Iran on Tuesday.", ("IRN", "DNK")),
    ("phrasal", "ACCUSE", "Greece lodged a strong protest with Turkey over the overflights.", ("GRC", "TUR")),
    ("summons", "ACCUSE", "Colombia summoned Ecuador's ambassador on Wednesday to protest the raid.", ("COL", "ECU")),
    ("coordinated", "ACCUSE", "Lithuania and Latvia accused Belarus of pushing migrants across the border.", {"LTU", "LVA", "BLR"}),
    # REQUEST
    ("control", "REQUEST", "Ukraine urged Hungary to unblock the European aid, officials said on Monday.", ("UKR", "HUN")),
    ("phrasal", "REQUEST", "Egypt called on Ethiopia to stop filling the reservoir.", ("EGY", "ETH")),
    ("nominal", "REQUEST", "Armenia made an appeal to Russia for help on Friday.", ("ARM", "RUS")),
    # REJECT
    ("active", "REJECT", "Somalia rejected Ethiopia's port deal on Thursday.", ("SOM", "ETH")),
    ("active", "REJECT", "Hungary vetoed Ukraine's request on Thursday.", ("HUN", "UKR")),
    # THREATEN
    ("active", "THREATEN", "Iran threatened Israel with a crushing response on Sunday.", ("IRN", "ISR")),
    ("nominal", "THREATEN", "Russia issued a warning to Finland over its NATO membership.", ("RUS", "FIN")),
    # PROTEST
    ("active", "PROTEST", "Hundreds of Serbians demonstrated against Croatia outside the Croatian embassy.", ("SRB", "HRV")),
    ("nominal", "PROTEST", "Thousands of Taiwanese staged a protest against China in Taipei on Sunday.", ("TWN", "CHN")),
    # SANCTION
    ("active", "SANCTION", "Estonia expelled a Russian diplomat on Monday.", ("EST", "RUS")),
    ("phrasal", "SANCTION", "Niger severed diplomatic ties with Ukraine on Tuesday.", ("NER", "UKR")),
    ("phrasal", "SANCTION", "Nigeria recalled its ambassador from Niger on Friday.", ("NGA", "NER")),
    ("phrasal", "SANCTION", "The United States slapped new tariffs on Mexico on Saturday.", ("USA", "MEX")),
    ("progressive", "SANCTION", "Bolivia is cutting diplomatic relations with Israel, the government said.", ("BOL", "ISR")),
    # MOBILIZE
    ("active", "MOBILIZE", "Azerbaijan deployed troops near Armenia's border on Monday.", ("AZE", "ARM")),
    ("nominal", "MOBILIZE", "China began military drills around Taiwan on Monday.", ("CHN", "TWN")),
    # COERCE
    ("active", "COERCE", "Iran seized a Greek tanker in the Gulf of Oman on Thursday.", ("IRN", "GRC")),
    ("active", "COERCE", "Egyptian police detained four Libyan fishermen on Tuesday.", ("EGY", "LBY")),
    # ASSAULT
    ("active", "ASSAULT", "Turkish jets struck Iraq's Sinjar district on Friday.", ("TUR", "IRQ")),
    ("phrasal", "ASSAULT", "Indian troops opened fire on Pakistani positions on Monday.", ("IND", "PAK")),
    ("reciprocal", "ASSAULT", "Armenian and Azerbaijani forces clashed along the border on Tuesday.", {"ARM", "AZE"}),
    ("nominal", "ASSAULT", "Israel launched airstrikes on Lebanon on Sunday.", ("ISR", "LBN")),
]


# the same types in the frames the list above leaves out (passive, nominal, coordinated, reported),
# so that every one of the 16 types is tried in several of them
MORE_FRAMES = [
    # CONSULT
    ("passive", "CONSULT", "Talks were held between Kenya and Uganda in Nairobi on Monday.", {"KEN", "UGA"}),
    ("reported", "CONSULT", "The Polish president met his Czech counterpart in Warsaw, the ministry said on Tuesday.", {"CZE", "POL"}),
    # AGREE
    ("passive", "AGREE", "A new trade agreement was signed by Kenya and Ethiopia on Monday.", {"ETH", "KEN"}),
    ("reported", "AGREE", "Uruguay agreed to resume fuel deliveries to Paraguay, officials said on Monday.", {"PRY", "URY"}),
    ("coordinated", "AGREE", "Malaysia and Thailand agreed to reopen their border crossings.", {"MYS", "THA"}),
    # SUPPORT
    ("passive", "SUPPORT", "Ghana's candidacy was endorsed by Nigeria on Friday.", ("NGA", "GHA")),
    ("coordinated", "SUPPORT", "Sweden and Norway praised Estonia for its reforms.", {"EST", "NOR", "SWE"}),
    # COOPERATE
    ("reported", "COOPERATE", "Qatar and Oman will cooperate on energy research, the two governments said.", {"OMN", "QAT"}),
    ("passive", "COOPERATE", "A joint naval exercise was conducted by India and France in the Indian Ocean.", {"FRA", "IND"}),
    # AID
    ("passive", "AID", "Tents and blankets were donated to Nepal by China on Friday.", ("CHN", "NPL")),
    ("coordinated", "AID", "Germany and Italy sent humanitarian aid to Libya on Monday.", {"DEU", "ITA", "LBY"}),
    ("reported", "AID", "Canada provided emergency aid to Haiti, the Canadian government said on Tuesday.", ("CAN", "HTI")),
    # RETREAT
    ("nominal", "RETREAT", "Kenya announced the withdrawal of its troops from Somalia on Monday.", ("KEN", "SOM")),
    ("reported", "RETREAT", "Chad withdrew its soldiers from Mali, the army said on Sunday.", ("TCD", "MLI")),
    ("coordinated", "RETREAT", "Britain and Canada withdrew their troops from Afghanistan.", {"AFG", "CAN", "GBR"}),
    # CONCEDE
    ("passive", "CONCEDE", "Three French citizens were released by Iran on Friday.", ("IRN", "FRA")),
    ("reported", "CONCEDE", "Belarus freed two Lithuanian prisoners, the Lithuanian foreign ministry said.", ("BLR", "LTU")),
    # ACCUSE
    ("nominal", "ACCUSE", "Serbia issued a strong condemnation of Kosovo on Tuesday.", ("SRB", "XKX")),
    ("reported", "ACCUSE", "Peru accused Bolivia of meddling in its affairs, the Peruvian foreign minister said.", ("PER", "BOL")),
    ("passive", "ACCUSE", "Syria was condemned by Jordan for the shelling on Monday.", ("JOR", "SYR")),
    # REQUEST
    ("passive", "REQUEST", "Kosovo was urged by the European Union to ease tensions in the north.", ("EU", "XKX")),
    ("coordinated", "REQUEST", "France and Germany urged Russia to withdraw its troops.", {"DEU", "FRA", "RUS"}),
    ("reported", "REQUEST", "Kenya asked Somalia to release the detained pilots, officials said.", ("KEN", "SOM")),
    # REJECT
    ("passive", "REJECT", "Serbia's proposal was rejected by Croatia on Thursday.", ("HRV", "SRB")),
    ("nominal", "REJECT", "Greece announced its rejection of Turkey's proposal on Monday.", ("GRC", "TUR")),
    ("coordinated", "REJECT", "Egypt and Sudan rejected Ethiopia's plan on Thursday.", {"EGY", "ETH", "SDN"}),
    ("reported", "REJECT", "Cuba rejected the American demands, the Cuban foreign ministry said.", ("CUB", "USA")),
    # THREATEN
    ("reported", "THREATEN", "China threatened Lithuania with trade measures, state media said.", ("CHN", "LTU")),
    ("coordinated", "THREATEN", "Russia and Belarus threatened Poland with retaliation.", {"BLR", "POL", "RUS"}),
    ("passive", "THREATEN", "Georgia was threatened by Russia with new sanctions.", ("RUS", "GEO")),
    # PROTEST
    ("reported", "PROTEST", "Thousands of Armenians protested against Azerbaijan in Yerevan, police said.", ("ARM", "AZE")),
    ("coordinated", "PROTEST", "Students and workers in Taiwan demonstrated against China on Sunday.", ("TWN", "CHN")),
    ("passive", "PROTEST", "A protest against Israel was staged by Jordanians in Amman on Friday.", ("JOR", "ISR")),
    # SANCTION
    ("passive", "SANCTION", "Two Russian diplomats were expelled by Estonia on Monday.", ("EST", "RUS")),
    ("nominal", "SANCTION", "Canada announced the expulsion of a Chinese diplomat on Monday.", ("CAN", "CHN")),
    ("coordinated", "SANCTION", "Latvia and Lithuania expelled Russian diplomats on Monday.", {"LTU", "LVA", "RUS"}),
    ("reported", "SANCTION", "Ukraine imposed sanctions on Iran, the Ukrainian president said.", ("UKR", "IRN")),
    # MOBILIZE
    ("passive", "MOBILIZE", "Troops were deployed by Russia near the Ukrainian border on Monday.", ("RUS", "UKR")),
    ("coordinated", "MOBILIZE", "Greece and Cyprus deployed warships near Turkey on Monday.", {"CYP", "GRC", "TUR"}),
    ("reported", "MOBILIZE", "Azerbaijan has mobilised its reservists near Armenia, the Armenian defence ministry said on Monday.", ("AZE", "ARM")),
    # COERCE
    ("passive", "COERCE", "A Greek tanker was seized by Iran in the Gulf of Oman.", ("IRN", "GRC")),
    ("nominal", "COERCE", "Russia announced the arrest of an Estonian citizen on Friday.", ("RUS", "EST")),
    ("reported", "COERCE", "Iran detained two French tourists, French officials said on Monday.", ("IRN", "FRA")),
    ("coordinated", "COERCE", "Chinese and Russian ships blockaded a Japanese port on Monday.", {"CHN", "JPN", "RUS"}),
    # ASSAULT
    ("passive", "ASSAULT", "Syrian army positions were shelled by Turkey on Sunday.", ("TUR", "SYR")),
    ("reported", "ASSAULT", "Israeli jets struck targets in Syria, the Syrian army said on Sunday.", ("ISR", "SYR")),
    ("coordinated", "ASSAULT", "American and British warplanes bombed Yemen on Sunday.", {"GBR", "USA", "YEM"}),
]
CASES += MORE_FRAMES


@pytest.mark.parametrize("frame,event_type,text,parties", CASES, ids=[f"{t}-{f}-{i}" for i, (f, t, _, _) in enumerate(CASES)])
def test_type_in_frame(annotate, frame, event_type, text, parties):
    doc = annotate(text, published=PUBLISHED)
    found = [e for e in doc.events if e.type == event_type]
    assert found, [(e.type, e.actors, e.trigger) for e in doc.events]
    if isinstance(parties, tuple):
        assert any(tuple(e.actors) == parties for e in found), [(e.type, e.actors) for e in found]
    else:
        assert any(set(e.actors) == parties for e in found), [(e.type, e.actors) for e in found]


@pytest.mark.parametrize("text", [
    "The minister told a press conference in Paris that Germany remains a close friend.",  # a news conference
    "The government pledged to fight corruption, Spanish officials said.",  # a fight against no state
    "Mexico called the Cuban decision a mistake.",  # 'called' is no phone call
])
def test_no_event_without_a_political_act_between_states(annotate, text):
    doc = annotate(text, published=PUBLISHED)
    assert not [e for e in doc.events if e.type in {"CONSULT", "ASSAULT"}], [(e.type, e.actors) for e in doc.events]


def test_urged_action_is_no_event_of_its_own(annotate):
    doc = annotate("Germany urged Serbia to withdraw its troops from the Kosovo border.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["REQUEST"]


def test_threat_of_sanctions_is_a_threat_and_conditional(annotate):
    doc = annotate("Britain threatened to impose sanctions on Georgia if the law passes.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["THREATEN"]
    assert doc.events[0].actors == ["GBR", "GEO"]


def test_negated_and_planned_conflict(annotate):
    doc = annotate("Brazil did not expel Nicaragua's ambassador.", published=PUBLISHED)
    assert doc.events and doc.events[0].status == "negated"
    doc = annotate("Kenya will impose tariffs on Uganda next month.", published=PUBLISHED)
    assert doc.events and doc.events[0].type == "SANCTION" and doc.events[0].status == "planned"


def test_two_different_sanctions_of_one_dyad_stay_two(annotate):
    doc = annotate("Peru expelled two Bolivian diplomats and recalled its ambassador from Bolivia on Monday.", published=PUBLISHED)
    sanctions = [e for e in doc.events if e.type == "SANCTION"]
    assert len(sanctions) == 2 and all(e.actors == ["PER", "BOL"] for e in sanctions)


def test_one_expulsion_told_twice_is_one_event(annotate):
    doc = annotate("Latvia expelled a Russian diplomat on Monday. The expulsion of the Russian diplomat angered Moscow.",
                   published=PUBLISHED)
    assert len([e for e in doc.events if e.type == "SANCTION"]) == 1


def test_agentless_request_takes_the_summoning_state(annotate):
    doc = annotate("Kazakhstan summoned Kyrgyzstan's ambassador on Monday. At the meeting, the Kyrgyz side was urged "
                   "to release the detained truck drivers.", published=PUBLISHED)
    request = next(e for e in doc.events if e.type == "REQUEST")
    assert request.actors == ["KAZ", "KGZ"]


def test_named_nationality_beats_a_possessive_pronoun(annotate):
    doc = annotate("The Vietnamese navy said its Chinese counterpart had rammed a Vietnamese fishing boat.", published=PUBLISHED)
    assault = next(e for e in doc.events if e.type == "ASSAULT")
    assert assault.actors == ["CHN", "VNM"]


def test_invitation_to_visit_puts_the_invited_visitor_first(annotate):
    doc = annotate("Brazil's president invited Angola's president to visit Brazil next year.", published=PUBLISHED)
    agree = next(e for e in doc.events if e.type == "AGREE")
    assert agree.actors == ["AGO", "BRA"]


def test_the_meeting_of_a_summons_is_no_second_event(annotate):
    doc = annotate("Qatar summoned Kenya's ambassador on Monday. At the meeting, the Kenyan side was urged to "
                   "explain the remarks.", published=PUBLISHED)
    assert "CONSULT" not in {e.type for e in doc.events}, [(e.type, e.actors) for e in doc.events]


def test_a_standing_treaty_is_no_agreement_event(annotate):
    doc = annotate("The 1960 treaty between India and Pakistan governs the rivers of the basin.", published=PUBLISHED)
    assert not doc.events, [(e.type, e.actors) for e in doc.events]
    doc = annotate("India and Bhutan signed a treaty on hydropower on Monday.", published=PUBLISHED)
    assert doc.events


def test_the_two_sides_are_the_parties_of_the_last_meeting(annotate):
    doc = annotate("Chad's president met Cameroon's president in Yaounde on Monday. The two sides agreed to reopen "
                   "the border.", published=PUBLISHED)
    agree = next(e for e in doc.events if e.type == "AGREE")
    assert set(agree.actors) == {"TCD", "CMR"}


def test_talks_during_a_visit_name_the_visitor_first(annotate):
    doc = annotate("Kenya's president paid a state visit to Ghana on Monday. On Tuesday, Ghanaian President John Mahama "
                   "and Kenyan President William Ruto held talks on trade.", published=PUBLISHED)
    talks = next(e for e in doc.events if e.type == "CONSULT" and not e.directed)
    assert talks.actors == ["KEN", "GHA"]


def test_summoned_envoy_names_the_summoning_state_by_where_it_is_posted(annotate):
    doc = annotate("Chile's ambassador to Peru was summoned to the foreign ministry on Monday.", published=PUBLISHED)
    accuse = next(e for e in doc.events if e.type == "ACCUSE")
    assert accuse.actors == ["PER", "CHL"]


def test_blocking_a_plan_is_a_rejection_and_blocking_a_ship_coercion(annotate):
    doc = annotate("Austria blocked Romania's accession bid on Thursday.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["REJECT"] and doc.events[0].actors == ["AUT", "ROU"]
    doc = annotate("Chinese ships blocked a Philippine supply boat on Monday.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["COERCE"] and doc.events[0].actors == ["CHN", "PHL"]


def test_what_a_demand_includes_is_demanded_not_done(annotate):
    doc = annotate("Azerbaijan's demands include the withdrawal of Armenian troops from the border.", published=PUBLISHED)
    assert [(e.type, e.actors) for e in doc.events] == [("REQUEST", ["AZE", "ARM"])]


def test_a_summons_to_protest_is_one_accusation(annotate):
    doc = annotate("Japan summoned China's ambassador on Monday to protest the detention of a Japanese citizen.",
                   published=PUBLISHED)
    assert [(e.type, e.actors) for e in doc.events] == [("ACCUSE", ["JPN", "CHN"])]


def test_separate_meetings_are_separate_bilateral_events(annotate):
    doc = annotate("Peru and Ecuador held talks with Chilean officials in Santiago in separate meetings on Monday.",
                   published=PUBLISHED)
    talks = sorted(tuple(e.actors) for e in doc.events if e.type == "CONSULT")
    assert talks == [("ECU", "CHL"), ("PER", "CHL")]


def test_an_undated_act_right_after_a_dated_one_takes_its_day(annotate):
    doc = annotate("Norway summoned Iran's ambassador on Monday. Norway also expelled an Iranian diplomat.", published=PUBLISHED)
    assert [(e.type, e.date) for e in doc.events] == [("ACCUSE", "2025-02-10"), ("SANCTION", "2025-02-10")]


def test_an_event_noun_told_by_a_relative_clause_takes_its_subject_and_time(annotate):
    doc = annotate("The tariffs, which the European Union imposed on Brazil in 2019, remain in force.", published=PUBLISHED)
    sanctions = [e for e in doc.events if e.type == "SANCTION"]
    assert [(e.actors, e.date, e.status) for e in sanctions] == [(["EU", "BRA"], "2019", "occurred")]


def test_an_agentless_request_a_few_sentences_after_a_summons_is_the_summoning_states(annotate):
    doc = annotate(
        "The Chilean ambassador was summoned to the Peruvian Ministry of Foreign Affairs on Monday. "
        "A strong protest was expressed over the remarks of a Chilean senator. "
        "His earlier statements on the maritime border were also criticised. "
        "The Chilean side was urged to take measures to stop such statements.", published=PUBLISHED)
    assert [(e.actors) for e in doc.events if e.type == "REQUEST"] == [["PER", "CHL"]]


def test_force_reported_by_a_state_with_no_target_named_was_used_on_it(annotate):
    doc = annotate("Islamabad said Indian troops opened fire on villages near the Line of Control on Saturday.", published=PUBLISHED)
    assert [e.actors for e in doc.events if e.type == "ASSAULT"] == [["IND", "PAK"]]
    # a state's own report of its drills at home names no target
    doc = annotate("India said its troops held drills on Saturday.", published=PUBLISHED)
    assert not [e for e in doc.events if e.type == "MOBILIZE"]


def test_clashes_between_both_sides_take_the_parties_of_the_truce(annotate):
    doc = annotate("Bolivia and Paraguay agreed on a truce on Friday. Clashes erupted on Wednesday, "
                   "with villagers on both sides of the border throwing stones.", published=PUBLISHED)
    assert [set(e.actors) for e in doc.events if e.type == "ASSAULT"] == [{"BOL", "PRY"}]


def test_a_government_protest_is_an_accusation_and_a_crowds_a_protest(annotate):
    doc = annotate("Chile protested against Argentina's new border checks on Monday.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["ACCUSE"]
    doc = annotate("Thousands of Chileans protested against Argentina outside its embassy on Monday.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["PROTEST"]


def test_an_accusation_followed_by_another_act_keeps_its_own_target(annotate):
    # the broker of the treaty halted in the second clause is no target of the blame
    doc = annotate("Kenya blamed armed groups for the attack and suspended the water treaty brokered by the World Bank.",
                   published=PUBLISHED)
    assert not [e for e in doc.events if e.type == "ACCUSE"], [(e.type, e.actors) for e in doc.events]


def test_ending_a_measure_is_a_concession(annotate):
    doc = annotate("Egypt and Jordan ended their blockade of Libya in March.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["CONCEDE"]
    doc = annotate("Egypt imposed a blockade on Libya in March.", published=PUBLISHED)
    assert [e.type for e in doc.events] == ["COERCE"]


def test_sanctions_aimed_against_a_state_deep_in_their_phrase_name_it(annotate):
    doc = annotate("Kenya adopted a new package of sanctions aimed at tightening restrictive measures against Somalia.",
                   published=PUBLISHED)
    assert [(e.type, e.actors) for e in doc.events] == [("SANCTION", ["KEN", "SOM"])]


def test_the_place_a_story_is_filed_from_is_no_party(annotate):
    doc = annotate("LIMA, Peru, March 3 (Reuters) – Chile's foreign minister and Bolivia's foreign minister met on Monday.",
                   published=PUBLISHED)
    assert [set(e.actors) for e in doc.events if e.type == "CONSULT"] == [{"CHL", "BOL"}]
    # a list of states before a dash, with no date or agency, is no dateline
    doc = annotate("Chile, Peru and Bolivia held joint talks - officials said.", published=PUBLISHED)
    assert [set(e.actors) for e in doc.events if e.type == "CONSULT"] == [{"CHL", "PER", "BOL"}]


def test_a_title_case_headline_is_read_by_word_order(annotate):
    doc = annotate("Lithuania Expels Two Belarusian Diplomats\n\nThe move follows a spying case, officials said.",
                   published=PUBLISHED)
    assert [(e.type, e.actors) for e in doc.events] == [("SANCTION", ["LTU", "BLR"])]
