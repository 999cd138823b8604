"""Actor dictionary and resolver, on hand-written news sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.annotate.actors import ActorLexicon, ActorResolver, actor_countries
from frontlines.annotate.text import sentences
from frontlines.errors import DataFileError
from frontlines.records import ActorKind, ActorMention


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


@pytest.fixture(scope="module")
def resolver(lexicon: ActorLexicon) -> ActorResolver:
    return ActorResolver(lexicon)


def resolve(
    resolver: ActorResolver, text: str, hints: dict[str, float] | None = None
) -> list[ActorMention]:
    return resolver.resolve(text, sentences(text), country_hints=hints)


def found(mentions: list[ActorMention]) -> list[tuple[str, str | None]]:
    return [(m.span.text, m.actor.id if m.actor else None) for m in mentions]


# --------------------------------------------------------------------------- the data file


def test_actors_packaged_file_covers_the_conflicts(lexicon: ActorLexicon) -> None:
    required = {
        "taliban", "af_forces", "af_government", "iskp", "hts", "sna", "sdf", "sy_forces",
        "islamic_state", "ru_forces", "ua_forces", "wagner", "saf", "rsf", "mm_military", "mndaa",
        "tnla", "arakan_army", "three_brotherhood", "fama", "jnim", "csp", "fla", "africa_corps",
        "endf", "tplf", "fardc", "m23", "houthis", "al_shabaab", "iswap", "boko_haram",
    }  # fmt: skip
    assert required <= set(lexicon.entries)
    for entry in lexicon.entries.values():
        assert entry.actor.kind is not ActorKind.OFFICIAL  # sources are not actors
        assert entry.theatres, entry.actor.id


def test_actors_spans_point_into_the_text(resolver: ActorResolver) -> None:
    text = "Al-Shabaab fighters attacked a base; the group’s statement came later."
    for m in resolve(resolver, text):
        assert text[m.span.start : m.span.end] == m.span.text


# --------------------------------------------------------------------------- named aliases


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Taliban fighters entered Kunduz on Sunday.", ("Taliban fighters", "taliban")),
        ("The ANDSF pulled out of Lashkar Gah overnight.", ("ANDSF", "af_forces")),
        ("An IS-K suicide bomber struck the airport gate.", ("IS-K", "iskp")),
        ("Hayat Tahrir al-Sham entered Hama on Thursday.", ("Hayat Tahrir al-Sham", "hts")),
        ("Turkish-backed rebels advanced on Manbij.", ("Turkish-backed rebels", "sna")),
        ("The Kurdish-led SDF held the dam.", ("Kurdish-led SDF", "sdf")),
        ("Daesh cells attacked a checkpoint near Deir ez-Zor.", ("Daesh", "islamic_state")),
        ("Moscow's forces shelled Kupiansk overnight.", ("Moscow's forces", "ru_forces")),
        ("Kyiv’s forces crossed the Dnipro.", ("Kyiv’s forces", "ua_forces")),
        ("Wagner mercenaries fought in Bakhmut.", ("Wagner mercenaries", "wagner")),
        ("The Rapid Support Forces stormed Wad Madani.", ("Rapid Support Forces", "rsf")),
        ("The Tatmadaw lost Lashio in August.", ("Tatmadaw", "mm_military")),
        ("The TNLA seized Mogok.", ("TNLA", "tnla")),
        ("FAMa troops entered Kidal.", ("FAMa troops", "fama")),
        ("JNIM fighters blockaded Timbuktu.", ("JNIM fighters", "jnim")),
        ("Tigrayan forces retook Mekelle.", ("Tigrayan forces", "tplf")),
        ("M23 rebels captured Goma airport.", ("M23 rebels", "m23")),
        ("Ansar Allah fired missiles at Marib.", ("Ansar Allah", "houthis")),
        ("Al-Shabab fighters overran the base.", ("Al-Shabab fighters", "al_shabaab")),
        ("ISWAP attacked a garrison in Borno state.", ("ISWAP", "iswap")),
        ("Boko Haram raided a village near Maiduguri.", ("Boko Haram", "boko_haram")),
    ],
)
def test_actors_named_alias(
    resolver: ActorResolver, sentence: str, expected: tuple[str, str]
) -> None:
    named = [m for m in resolve(resolver, sentence) if not m.generic]
    assert found(named)[0] == expected
    assert named[0].rule.startswith("alias") and named[0].confidence >= 0.8


def test_actors_longest_match_wins(resolver: ActorResolver) -> None:
    text = (
        "Islamic State Khorasan Province claimed the attack, while the Islamic State "
        "West Africa Province said nothing and the Islamic State group was silent."
    )
    assert [a for _, a in found(resolve(resolver, text)) if a] == [
        "iskp",
        "iswap",
        "islamic_state",
    ]


def test_actors_acronyms_are_case_sensitive(resolver: ActorResolver) -> None:
    assert found(resolve(resolver, "IS fighters seized the village.")) == [
        ("IS fighters", "islamic_state")
    ]
    assert resolve(resolver, "The town is quiet and this is all.") == []
    assert resolve(resolver, "The sdf file and the rsf form were lost.") == []
    assert found(resolve(resolver, "the taliban and TALIBAN")) == [
        ("taliban", "taliban"),
        ("TALIBAN", "taliban"),
    ]


def test_actors_context_acronym_needs_the_country(resolver: ActorResolver) -> None:
    assert resolve(resolver, "Download the PDF before Friday.") == []
    mentions = resolve(resolver, "The PDF ambushed a junta convoy near Sagaing.", {"MM": 1.0})
    assert found(mentions)[0] == ("PDF", "mm_pdf")
    assert mentions[0].rule == "alias.context"


def test_actors_ambiguous_acronym_resolved_by_country(resolver: ActorResolver) -> None:
    syria = resolve(resolver, "SNA fighters moved towards Tal Rifaat.")
    assert found(syria) == [("SNA fighters", "sna")]
    somalia = resolve(resolver, "SNA troops retook the town from al-Shabaab.")
    assert found(somalia)[0] == ("SNA troops", "so_forces")
    assert somalia[0].rule == "alias.ambiguous-by-country"


# --------------------------------------------------------------------------- generic mentions


def test_actors_generic_afghanistan(resolver: ActorResolver) -> None:
    text = (
        "The Taliban seized the border town of Spin Boldak on Wednesday. The militants raised "
        "their flag over the customs post as Afghan forces fell back towards Kandahar. "
        "Government troops said they would retake the crossing. The insurgents said the "
        "army base outside the town was also in their hands."
    )
    got = found(resolve(resolver, text))
    assert got == [
        ("Taliban", "taliban"),
        ("The militants", "taliban"),
        ("Afghan forces", "af_forces"),
        ("Government troops", "af_forces"),
        ("The insurgents", "taliban"),
    ]  # "the army base" is a place, not the army


def test_actors_generic_demonym_rule(resolver: ActorResolver) -> None:
    [m] = resolve(resolver, "Afghan soldiers abandoned the checkpoint.")
    assert m.actor is not None and m.actor.id == "af_forces"
    assert m.generic and m.rule == "generic.demonym"
    [niger] = resolve(resolver, "Nigerien forces entered the old town.")
    assert niger.actor is not None and niger.actor.country == "NE"
    assert niger.rule == "generic.demonym.synthetic"


def test_actors_generic_syria_rebels(resolver: ActorResolver) -> None:
    text = (
        "Opposition fighters led by HTS pushed into Aleppo's western suburbs on Friday. "
        "Syrian army units withdrew from two military academies. By the evening the rebels "
        "had reached the city's main square, and government forces had left the airport."
    )
    got = dict(found(resolve(resolver, text)))
    assert got["the rebels"] == "hts"
    assert got["government forces"] == "sy_forces"


def test_actors_generic_rebels_are_not_promoted_to_an_unnamed_group(
    resolver: ActorResolver,
) -> None:
    # the article's country alone does not make "the rebels" a group the text never names
    [m] = resolve(resolver, "The rebels entered the provincial capital at dawn.", {"SY": 1.0})
    assert m.actor is None and m.rule == "generic.unresolved.no-candidate"


def test_actors_state_forces_still_resolve_from_country_context(resolver: ActorResolver) -> None:
    [m] = resolve(resolver, "The army entered the provincial capital at dawn.", {"SY": 1.0})
    assert m.actor is not None and m.actor.id == "sy_forces"
    assert m.rule == "generic.country"


def test_actors_generic_ukraine(resolver: ActorResolver) -> None:
    text = (
        "Russian troops captured the village of Robotyne, Ukraine's military said on Monday. "
        "Ukrainian forces had held it for months. The invaders lost at least twelve armoured "
        "vehicles, and the army said its units had pulled back to new lines."
    )
    got = found(resolve(resolver, text))
    assert ("The invaders", "ru_forces") in got
    assert ("the army", "ua_forces") in got


def test_actors_generic_sudan(resolver: ActorResolver) -> None:
    text = (
        "The RSF said on Saturday it had taken control of the army's 22nd Infantry Division "
        "headquarters in Babanusa. The paramilitary group posted videos from inside the base. "
        "The army denied the base had fallen."
    )
    got = found(resolve(resolver, text))
    assert ("The paramilitary group", "rsf") in got
    assert ("The army", "saf") in got


def test_actors_generic_salience_follows_the_latest_actor(resolver: ActorResolver) -> None:
    text = (
        "Boko Haram fighters raided a market in Borno last year. "
        "On Tuesday, ISWAP attacked a garrison in Malam Fatori. "
        "The jihadists burned the barracks."
    )
    got = dict(found(resolve(resolver, text)))
    assert got["The jihadists"] == "iswap"


def test_actors_generic_unresolved_says_why(resolver: ActorResolver) -> None:
    mentions = resolve(resolver, "The rebels took the town after the army left.")
    assert [(m.actor, m.rule) for m in mentions] == [
        (None, "generic.unresolved.no-candidate"),
        (None, "generic.unresolved.no-candidate"),
    ]
    assert all(m.generic for m in mentions)


def test_actors_generic_ambiguous_is_unresolved(resolver: ActorResolver) -> None:
    text = "The separatists entered the town, residents said."
    [m] = resolve(resolver, text, {"ML": 1.0, "YE": 1.0})
    assert m.actor is None or m.actor.id in {"fla", "csp", "stc"}
    assert m.generic


def test_actors_without_sentences(resolver: ActorResolver) -> None:
    text = "The Houthis said they had shot down a drone. The rebels also claimed a ship."
    got = found(resolver.resolve(text, []))
    assert got == [("Houthis", "houthis"), ("The rebels", "houthis")]


# --------------------------------------------------------------------------- country context


def test_actors_countries_use_theatres(resolver: ActorResolver, lexicon: ActorLexicon) -> None:
    mentions = resolve(resolver, "Russian forces and Ukrainian troops clashed near Toretsk.")
    # Russian forces fight in Ukraine and Syria (their theatres), Ukrainian troops in Ukraine.
    expected = {"UA": pytest.approx(0.75), "SY": pytest.approx(0.25)}
    assert resolver.actor_countries(mentions) == expected
    assert actor_countries(mentions) == {"RU": 0.5, "UA": 0.5}  # without the lexicon
    assert actor_countries(mentions, lexicon) == expected


def test_actors_countries_ignore_generics(resolver: ActorResolver) -> None:
    mentions = resolve(resolver, "The militants attacked.", {"AF": 1.0})
    assert mentions and resolver.actor_countries(mentions) == {}


# --------------------------------------------------------------------------- user files


def test_actors_user_file_adds_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        """
actors:
  - id: taliban
    aliases: [Talibs]
  - id: sdf
    name: SDF (renamed)
    aliases: [Kurdish-led fighters]
    replace: true
    kind: non_state_armed_group
    country: SY
    side: kurdish
  - id: ambazonia
    name: Ambazonian separatists
    kind: non_state_armed_group
    country: CM
    side: separatist
    aliases: [Amba boys, Ambazonia Defence Forces, {text: ADF, context: true}]
""",
        encoding="utf-8",
    )
    lexicon = ActorLexicon.load([user])
    resolver = ActorResolver(lexicon)
    assert found(resolve(resolver, "Talibs and the Taliban.")) == [
        ("Talibs", "taliban"),
        ("Taliban", "taliban"),
    ]
    assert lexicon.entries["sdf"].actor.name == "SDF (renamed)"
    assert resolve(resolver, "The SDF held the dam.") == []  # replaced: old aliases gone
    got = found(resolve(resolver, "Amba boys attacked Bamenda. The separatists fled.", {"CM": 1}))
    assert got == [("Amba boys", "ambazonia"), ("The separatists", "ambazonia")]


def test_actors_user_file_generics_and_demonyms(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "demonyms: {CM: [Cameroonian]}\n"
        "generics:\n"
        "  - {name: gunmen, kinds: [non_state_armed_group], phrases: [the gunmen]}\n"
        "actors:\n"
        "  - {id: cm_forces, name: Cameroon army, kind: state_forces, country: CM,\n"
        "     side: government, aliases: [BIR]}\n",
        encoding="utf-8",
    )
    resolver = ActorResolver(ActorLexicon.load([user]))
    got = found(resolve(resolver, "Cameroonian soldiers fought Boko Haram. The gunmen fled."))
    assert got == [
        ("Cameroonian soldiers", "cm_forces"),
        ("Boko Haram", "boko_haram"),
        ("The gunmen", "boko_haram"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: {}", "'actors' must be a list"),
        ("- just a list", "top level must be a mapping"),
        ("version: 2\nactors: []", "unsupported version"),
        ("actor: []", "unknown top-level keys ['actor']"),
        ("actors:\n  - {name: X, kind: other, aliases: [X]}", "actors[0]: 'id' must match"),
        ("actors:\n  - {id: Bad Id, name: X}", "'id' must match"),
        ("actors:\n  - {id: x, kind: other, aliases: [X]}", "actors[0] (id 'x'): missing 'name'"),
        ("actors:\n  - {id: x, name: X, aliases: [X]}", "missing 'kind'"),
        ("actors:\n  - {id: x, name: X, kind: army, aliases: [X]}", "unknown kind 'army'"),
        ("actors:\n  - {id: x, name: X, kind: other, country: Syria, aliases: [X]}", "alpha-2"),
        ("actors:\n  - {id: x, name: X, kind: other}", "needs at least one alias"),
        ("actors:\n  - {id: x, name: X, kind: other, aliases: [X], colour: red}", "unknown keys"),
        ("actors:\n  - {id: x, name: X, kind: other, aliases: [X], prior: 3}", "'prior'"),
        ("actors:\n  - {id: x, name: X, kind: other, aliases: [{txt: X}]}", "unknown alias keys"),
        (
            "actors:\n  - {id: x, name: X, kind: other, aliases: [X]}\n"
            "  - {id: x, name: Y, kind: other, aliases: [Y]}",
            "duplicate id 'x'",
        ),
        ("generics:\n  - {name: g, kinds: [other]}", "generics[0] phrases: must be a list"),
        ("demonyms: {Syria: [Syrian]}", "demonyms: must be an ISO"),
        ("actors: [\n", "invalid YAML"),
    ],
)
def test_actors_schema_errors_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        ActorLexicon.load([path])
    assert info.value.path == str(path)
    assert message in info.value.reason


def test_actors_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read actor file"):
        ActorLexicon.load([tmp_path / "nope.yaml"])


def test_actors_named_countries_first_pass(resolver: ActorResolver) -> None:
    text = "Russian forces shelled Kharkiv. The invaders also hit Sumy. The Taliban were silent."
    assert resolver.named_countries(text) == {
        "AF": pytest.approx(0.5), "UA": pytest.approx(0.25), "SY": pytest.approx(0.25)
    }


def test_actors_name_beats_overlapping_generic(resolver: ActorResolver) -> None:
    text = "Clashes between the armed forces of the Democratic Republic of Congo and M23 went on."
    got = found(resolve(resolver, text))
    assert got[0] == ("armed forces of the Democratic Republic of Congo", "fardc")


def test_actors_unnamed_foreign_force_is_not_guessed(resolver: ActorResolver) -> None:
    # Wagner fights in Ukraine, but "the fighters" there are not guessed to be Wagner.
    [m] = resolve(resolver, "The fighters held the line east of the river.", {"UA": 1.0})
    assert m.actor is None
    [w] = resolve(resolver, "The mercenary group pulled out of the town.", {"UA": 1.0})
    assert w.actor is not None and w.actor.id == "wagner"  # a descriptor of Wagner
