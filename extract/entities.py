"""People (with their title when the text gives one), organisations and places.

Rules first, because administrative text names people in a few fixed shapes: a title before
the name ("Phó Chủ tịch UBND tỉnh Hà Tĩnh Đặng Ngọc Sơn"), an honorific before it ("Ông Hoàng
Minh Đức, Chủ tịch UBND tỉnh - Trưởng ban"), or a dash after it in member lists ("Nguyễn Văn
Việt - Giám đốc Sở NN&PTNT"); a name is a run of 2–4 capitalised syllables starting with a
family name, which is what separates "Hà Tĩnh" from "Đặng Ngọc Sơn" in "tỉnh Hà Tĩnh Đặng Ngọc
Sơn". underthesea's CRF NER then adds places (and untitled people) the rules do not know, on a
bounded number of sentences so a long document stays fast; document numbers and dates are
masked first, since the CRF tags "QĐ-UBND" and "ngày 24/5/2021" as places.
"""

from __future__ import annotations

import re

from core.record import Document, Person
from core.textnorm import match_form, same
from extract.nlp import mask_numbers_and_dates, ner, sentences
from extract.patterns import tasks as TP
from extract.patterns import titles as T
from lexicon import issuers as I

_W = r"[\wÀ-ỹ]"
_TOKEN = re.compile(r"[^\W\d_]+")
_FAMILY = frozenset(T.FAMILY_NAMES)
_TITLE = re.compile(rf"(?<!{_W})(?:(?:{T.TITLE_PREFIXES})\s+)?(?:{T.PERSON_TITLES})(?!{_W})")
_RANK_TAIL = re.compile(rf"\s+(?:{T.RANKS})$")
_OLD_NEW = re.compile(T.OLD_NEW)
_HONORIFIC = re.compile(rf"(?<!{_W})(?:{T.HONORIFICS})\s+$")
_VERB = re.compile(
    rf"(?<!{_W})(?:{TP.TASK_VERBS}|{T.NAME_END_VERBS})(?!{_W})"
)
_PARTY = re.compile(T.PARTY_ROLE)
_COMMITTEE_ROLE = re.compile(T.COMMITTEE_ROLE, re.IGNORECASE)
_BODY = re.compile(rf"(?<![\wÀ-ỹ/-])(?:{T.BODY_HEADS})(?!{_W})")  # not the "UBND" of "3120/QĐ-UBND"
_BODY_STOP = re.compile(T.BODY_STOP)
_POSTS_END = re.compile(T.POSTS_END)
_PLACE_LEVEL = re.compile(rf"(?<!{_W})(?:{T.PLACE_LEVELS}) $")
_OFFICIAL = re.compile(rf"^(?:{T.PERSON_TITLES})(?!{_W})")
# Every province spelling in match form → the name the list writes (aliases to their province).
_PROVINCE_NAMES = {match_form(n): I.PROVINCE_ALIASES.get(n, n) for n in (*I.PROVINCES, *I.PROVINCE_ALIASES)}
_PROVINCES = re.compile(
    rf"(?<!{_W})(?:{'|'.join(re.escape(n) for n in sorted(_PROVINCE_NAMES, key=len, reverse=True))})(?!{_W})"
)
_MAX_BODY_CHARS = 160
# Lower-case words that may follow a body's head word: "UBND tỉnh", "Ủy ban nhân dân các cấp".
_NAME_LOWER_WORDS = frozenset({"tỉnh", "thành", "huyện", "quận", "xã", "phường", "thị", "các", "cấp", "nhân",
                               "đồng", "chính", "công", "tác", "giúp", "nhà", "trực"})
_MAX_TITLE_GAP = 20  # words between a title and the name it belongs to
# NER costs ~0.5 ms a token in pure-Python features: only short sentences that rules could not
# explain, and a token budget per document, so a 20-page text stays well under a second.
_NER_SENTENCES = 8
_NER_MAX_WORDS = 60
_NER_TOKEN_BUDGET = 400


def _runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Spans of capitalised syllables separated by single spaces, with the syllables."""
    out: list[tuple[int, int, list[str]]] = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if not (word[0].isupper() and (len(word) == 1 or word[1:].islower())):
            continue
        if out and out[-1][1] + 1 == m.start() and text[out[-1][1]] == " ":
            s, _, words = out[-1]
            out[-1] = (s, m.end(), [*words, word])
        else:
            out.append((m.start(), m.end(), [word]))
    return out


def _name_in(run: tuple[int, int, list[str]]) -> tuple[int, str] | None:
    """The person's name at the end of a run ("Hà Tĩnh Đặng Ngọc Sơn" → "Đặng Ngọc Sơn")."""
    _, end, words = run
    for n in (3, 4, 2):
        if len(words) >= n and words[-n] in _FAMILY:
            name = " ".join(words[-n:])
            return end - len(name), name
    return None


def _title_after(text: str, pos: int) -> str | None:
    """", Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo …" → the posts that are
    titles: the first, organisation words after it, and a state post after a party post."""
    m = re.match(r"\s*(?:,|[-–])\s*", text[pos:])
    if not m:
        return None
    rest = text[pos + m.end() :]
    rest = _POSTS_END.split(rest, maxsplit=1)[0]
    segments = [s.strip() for s in rest.split(",")]
    if not segments or not _TITLE.match(segments[0]):
        return None
    kept = [segments[0]]
    for seg in segments[1:]:
        if _COMMITTEE_ROLE.match(seg) or not seg:
            break
        if _TITLE.match(seg) and not (len(kept) == 1 and _PARTY.match(kept[0])):
            break
        kept.append(seg)
    title = ", ".join(kept)
    verb = _VERB.search(title)
    return title[: verb.start()].strip(" ,") if verb else title.strip(" ,")


def _title_before(text: str, name_start: int) -> str | None:
    """The title right before a name: "Phó Chủ tịch UBND tỉnh Hà Tĩnh [Đặng Ngọc Sơn]"."""
    window = text[max(0, name_start - 200) : name_start]
    titles = list(_TITLE.finditer(window))
    if not titles:
        return None
    t = titles[-1]
    title = _RANK_TAIL.sub("", window[t.start() :].strip(" ,")).strip(" ,")
    # A list item ("- Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Nguyễn Văn Hùng;") may hold commas.
    item = bool(re.search(r"(?:^|\n|[-–;:]|\d+\.)\s*$", window[: t.start()]))
    stops = r"[;.:()\n“”]" if item else r"[,;.:()\n“”]"
    if re.search(stops, _OLD_NEW.sub("", title)) or len(title.split()) > _MAX_TITLE_GAP:
        return None
    return None if _VERB.search(title) else title


def find_people(text: str) -> list[Person]:
    """People named with a title, an honorific, or a dash-title in a member list."""
    found: list[Person] = []
    for run in _runs(text):
        hit = _name_in(run)
        if hit is None:
            continue
        start, name = hit
        if match_form(name) in _PROVINCE_NAMES or _BODY.match(text, start):
            continue  # "tỉnh Lâm Đồng", "Đoàn Luật sư": a place or a body, not a person
        honorific = _HONORIFIC.search(text[max(0, start - 12) : start])
        before = _title_before(text, start)
        after = _title_after(text, run[1])
        if before is None and after is None and honorific is None:
            continue
        if start != run[0] and before is None and honorific is None:
            continue  # the run had words before the name that no title explains
        found.append(Person(name=name, title=before or after))
    return found


def _merge_people(people: list[Person]) -> list[Person]:
    """One entry per name; a later mention fills a title the first one lacked."""
    out: list[Person] = []
    for p in people:
        twin = next((o for o in out if same(o.name, p.name)), None)
        if twin is None:
            out.append(p)
        elif twin.title is None and p.title:
            out[out.index(twin)] = p
    return out


def find_organizations(text: str) -> list[str]:
    """Bodies named in the text, from a body head to the first verb or preposition."""
    found: list[str] = []
    for m in _BODY.finditer(text):
        if _OFFICIAL.match(m.group(0)):
            continue  # "Giám đốc Sở …": the body after the title is matched on its own
        window = min(len(text), m.end() + _MAX_BODY_CHARS)  # bounded, so many mentions stay linear
        stop = _BODY_STOP.search(text, m.end(), window)
        end = stop.start() if stop else window
        verb = _VERB.search(text, m.end(), end)
        end = verb.start() if verb else end
        title = _TITLE.search(text, m.end(), end)  # "UBND Chủ tịch UBND tỉnh …" is two mentions
        name = _without_person(text[m.start() : title.start() if title else end])
        rest = name[len(m.group(0)) :].split()
        if not rest and " " not in m.group(0):
            continue  # "Văn phòng", "Bộ" alone name nothing
        if rest and " " not in m.group(0) and not (rest[0][:1].isupper() or rest[0] in _NAME_LOWER_WORDS):
            continue  # "Bộ điện thoại", "Bộ do": a common noun, not a body
        if 2 <= len(name.split()) <= 12 and not name.isupper() and not any(same(name, f) for f in found):
            found.append(name)
    return found


def _without_person(name: str) -> str:
    """"UBND tỉnh Hà Tĩnh Võ Trọng Hải vừa …" → "UBND tỉnh Hà Tĩnh": a person's name ends it."""
    name = " ".join(name.split())
    for run in _runs(name):
        if run[0] > 0 and (hit := _name_in(run)) and len(hit[1].split()) >= 3:
            return name[: hit[0]].strip()
    return name


def _known_places(text: str) -> list[str]:
    """Provinces (old and new names, aliases) wherever they occur, in tone-mark-blind form."""
    return [_PROVINCE_NAMES[m.group(0)] for m in _PROVINCES.finditer(match_form(text))]


def _leveled_places(text: str) -> list[str]:
    """"xã Hồng Lộc", "thôn Quan Nam": the capitalised run after an administrative level."""
    out = []
    for run in _runs(text):
        if _PLACE_LEVEL.search(text[max(0, run[0] - 12) : run[0]]):
            hit = _name_in(run) if len(run[2]) > 2 else None
            if hit and hit[0] == run[0]:
                continue  # "xã Nguyễn Văn Trỗi"-like runs are ambiguous: leave them to NER
            words = text[run[0] : hit[0]].split() if hit else run[2]
            out.append(" ".join(words[:3]))
    return out


def _ner_entities(text: str, known: list[str]) -> tuple[list[str], list[str]]:
    """(places, person names) NER finds in sentences with capitalised words rules left unexplained."""
    masked = mask_numbers_and_dates(text)
    places: list[str] = []
    people: list[str] = []
    budget, tokens = _NER_SENTENCES, _NER_TOKEN_BUDGET
    for s, e in sentences(masked, 0, len(masked)):
        sentence = " ".join(masked[s:e].split())
        words = len(sentence.split())
        runs = [" ".join(r[2]) for r in _runs(sentence) if r[0] > 0]
        if budget == 0 or words > _NER_MAX_WORDS or words > tokens:
            continue
        if not any(not any(k in r or r in k for k in known) for r in runs):
            continue
        budget, tokens = budget - 1, tokens - words
        for kind, value in _spans(ner(sentence)):
            words = value.split()
            if kind == "LOC" and _place_like(words):
                places.append(value)
            elif kind == "PER" and words[0] in _FAMILY and 2 <= len(words) <= 4 and not _place_name(value):
                people.append(value)
    return places, people


def _place_name(value: str) -> bool:
    return match_form(value) in _PROVINCE_NAMES


def _place_like(words: list[str]) -> bool:
    """NER's LOC spans are noisy: keep 2–3 capitalised syllables that are not a body or a title."""
    return (2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not _BODY.match(" ".join(words)) and not _TITLE.match(" ".join(words)))


def _spans(tagged: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """BIO tokens → (kind, text) spans."""
    out: list[tuple[str, list[str]]] = []
    for token, tag in tagged:
        if tag.startswith("B-"):
            out.append((tag[2:], [token]))
        elif tag.startswith("I-") and out and out[-1][0] == tag[2:]:
            out[-1][1].append(token)
        else:
            out.append(("O", []))
    return [(kind, " ".join(words)) for kind, words in out if kind != "O" and words]


def find_locations(text: str, use_ner: bool = True) -> tuple[list[str], list[str]]:
    """(places, extra untitled person names from NER) in order of first mention."""
    places = _known_places(text) + _leveled_places(text)
    extra: list[str] = []
    if use_ner:
        ner_places, extra = _ner_entities(text, places)
        places += ner_places
    out: list[str] = []
    for p in places:
        if not any(same(p, o) for o in out):
            out.append(p)
    return out, extra


def apply(doc: Document, use_ner: bool = True) -> Document:
    people = find_people(doc.text)
    people += [Person(name=s.name, title=s.title) for s in doc.signers]
    locations, ner_people = find_locations(doc.text, use_ner)
    people += [Person(name=n) for n in ner_people]
    people = _merge_people(people)
    names = {match_form(p.name) for p in people}
    locations = [loc for loc in locations if match_form(loc) not in names]
    return doc.model_copy(update={
        "people": people,
        "organizations": find_organizations(doc.text),
        "locations": locations,
    })
