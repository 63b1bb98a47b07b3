"""Generate a fictional batch of TD3 passport MRZ records, some deliberately corrupted."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from kit.datagen import write_csv

SEED = 9303  # fixed: the batch, and which records are corrupted, never change between runs
BATCH_SIZE = 240
EMPTY_OPTIONAL_SHARE = 0.08  # genuine passports with no optional data: positions 29-43 all '<'
HERE = Path(__file__).resolve().parent
ASSIGNMENT = HERE.parents[1] / "assessment" / "source" / "03-border-management"

SURNAMES = [
    "ERIKSSON", "LINDQVIST", "MORENO", "OKAFOR", "HAMADA", "NOVAK", "DUBOIS", "SILVA",
    "KOWALSKA", "HALVORSEN", "AMADI", "TANAKA", "PETROVA", "MENDEZ", "BERG", "VIRTANEN",
    "HOLM", "SANTOS", "RAHMAN", "OLSEN", "MWANGI", "FERREIRA", "NIELSEN", "QUISPE",
]  # fmt: skip
GIVEN_NAMES = [
    "ANNA", "MARIA", "JONAS", "LEILA", "TOMAS", "AMARA", "KENJI", "SOFIA", "PAVEL", "INES",
    "OMAR", "HANNA", "DAVID", "NADIA", "ELIAS", "ZARA", "MIKA", "RUTH", "IVAN", "LUCIA",
]  # fmt: skip
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"


def check_digit(text: str) -> int:
    """ICAO Doc 9303 Part 3 check digit: values 0-9, A=10..Z=35, '<'=0; weights 7,3,1; mod 10."""
    total = 0
    for position, char in enumerate(text):
        if char in DIGITS:
            value = int(char)
        elif char in LETTERS:
            value = LETTERS.index(char) + 10
        elif char == "<":
            value = 0
        else:
            raise ValueError(f"{char!r} is not an MRZ character (A-Z, 0-9 or <)")
        total += value * (7, 3, 1)[position % 3]
    return total % 10


@dataclass
class Passport:
    """The fields of one fictional TD3 passport, before they are laid out as two MRZ lines."""

    surname: str
    given_names: list[str]
    number: str
    nationality: str
    birth: str
    sex: str
    expiry: str
    optional: str

    def line1(self) -> str:
        name = self.surname + "<<" + "<".join(self.given_names)
        return ("P<UTO" + name)[:44].ljust(44, "<")

    def line2(self) -> str:
        optional = self.optional.ljust(14, "<")
        body = (
            f"{self.number}{check_digit(self.number)}{self.nationality}"
            f"{self.birth}{check_digit(self.birth)}{self.sex}"
            f"{self.expiry}{check_digit(self.expiry)}{optional}{check_digit(optional)}"
        )
        return body + str(composite_check_digit(body))


def composite_check_digit(line2_first_43: str) -> int:
    """Composite check digit over positions 1-10, 14-20 and 22-43 (1-based) of line 2."""
    text = line2_first_43
    return check_digit(text[0:10] + text[13:20] + text[21:43])


def failing_checks(line2: str) -> list[str]:
    """Names of the check digits on line 2 that do not match their fields.

    Doc 9303 Part 4 lets an issuing state print ``<`` instead of ``0`` as the optional-data check
    digit (position 43) when positions 29-42 are all fillers, so that case passes.
    """
    fields = {
        "document_number": (line2[0:9], line2[9]),
        "birth_date": (line2[13:19], line2[19]),
        "expiry_date": (line2[21:27], line2[27]),
        "optional_data": (line2[28:42], line2[42]),
        "composite": (line2[0:10] + line2[13:20] + line2[21:43], line2[43]),
    }
    failing = [n for n, (data, digit) in fields.items() if str(check_digit(data)) != digit]
    if "optional_data" in failing and line2[28:43] == "<" * 15:
        failing.remove("optional_data")
    return failing


def random_passport(rng: random.Random) -> Passport:
    number = rng.choice(LETTERS) + "".join(rng.choices(DIGITS, k=6)) + rng.choice(LETTERS)
    number += rng.choice(DIGITS)
    birth = f"{rng.randint(40, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    if rng.random() < 0.25:  # travellers born in 2000-2006
        birth = f"{rng.randint(0, 6):02d}" + birth[2:]
    expiry = f"{rng.randint(26, 34):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    optional = "".join(rng.choices(LETTERS, k=2)) + "".join(rng.choices(DIGITS, k=6))
    return Passport(
        surname=rng.choice(SURNAMES),
        given_names=rng.sample(GIVEN_NAMES, k=rng.choice([1, 1, 2])),
        number=number,
        # XXA (stateless person) is an ICAO code; the rest are Utopian nationals.
        nationality="XXA" if rng.random() < 0.06 else "UTO",
        birth=birth,
        sex=rng.choice("MF") if rng.random() > 0.02 else "<",
        expiry=expiry,
        optional=optional,
    )


def _replace(text: str, index: int, char: str) -> str:
    return text[:index] + char + text[index + 1 :]


def _other(rng: random.Random, alphabet: str, current: str) -> str:
    return rng.choice([c for c in alphabet if c != current])


# Each corruption: (kind, field, detectable by check digits, how many records get it).
CORRUPTIONS = [
    ("character_changed", "document_number", True, 3),
    ("digit_changed", "birth_date", True, 2),
    ("digit_changed", "expiry_date", True, 2),
    ("adjacent_swap", "document_number", True, 2),
    ("check_digit_changed", "birth_date_check_digit", True, 1),
    ("check_digit_changed", "composite_check_digit", True, 1),
    ("swap_three_apart", "birth_date", False, 2),
    ("letter_changed", "surname", False, 1),
]


# A smaller practice batch for the lesson, so the lesson never shows the graded batch's answers.
PRACTICE = {
    "seed": 4,
    "size": 60,
    "prefix": "T",
    "corruptions": [
        ("character_changed", "document_number", True, 1),
        ("digit_changed", "expiry_date", True, 1),
        ("adjacent_swap", "document_number", True, 1),
        ("check_digit_changed", "birth_date_check_digit", True, 1),
        ("swap_three_apart", "birth_date", False, 1),
        ("letter_changed", "surname", False, 1),
    ],
}


def corrupt(rng: random.Random, kind: str, field: str, line1: str, line2: str):
    """Return (line1, line2, before, after) with one deliberate error of the given kind."""
    if field == "surname":
        index = 5 + rng.randrange(3)  # a letter of the surname, which no check digit covers
        char = _other(rng, LETTERS, line1[index])
        changed = _replace(line1, index, char)
        return changed, line2, _surname(line1), _surname(changed)
    start, length = {
        "document_number": (0, 9),
        "birth_date": (13, 6),
        "expiry_date": (21, 6),
        "birth_date_check_digit": (19, 1),
        "composite_check_digit": (43, 1),
    }[field]
    before = line2[start : start + length]
    if kind in ("digit_changed", "check_digit_changed"):
        index = rng.randrange(length)
        after = _replace(before, index, _other(rng, DIGITS, before[index]))
    elif kind == "character_changed":
        index = rng.randrange(1, 7)  # one of the digits inside the document number
        after = _replace(before, index, _other(rng, DIGITS, before[index]))
    elif kind == "adjacent_swap":
        pairs = [i for i in range(length - 1) if before[i] != before[i + 1]]
        i = rng.choice(pairs)
        after = before[:i] + before[i + 1] + before[i] + before[i + 2 :]
    elif kind == "swap_three_apart":
        # Positions i and i+3 share a weight (7,3,1 repeats every 3), so no check digit moves.
        pairs = [i for i in range(length - 3) if before[i] != before[i + 3]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        after = list(before)
        after[i], after[i + 3] = after[i + 3], after[i]
        after = "".join(after)
        if not _plausible_date(after):
            return None
    else:
        raise ValueError(kind)
    return line1, line2[:start] + after + line2[start + length :], before, after


def _empty_optional_data(rng: random.Random, records: list[dict], truth: dict) -> None:
    """Give some genuine records no optional data, as Utopia issues them.

    Doc 9303 Part 4: when positions 29-42 are all fillers, the check digit in position 43 may be
    ``<`` or ``0`` at the issuing state's option; Utopia prints ``<``. Both have the value 0, so
    the composite digit is the same either way. A separate random stream keeps every other record
    (and every corruption) exactly as before.
    """
    for record in records[1:]:
        if truth[record["record_id"]] is None and rng.random() < EMPTY_OPTIONAL_SHARE:
            line2 = record["line2"][:28] + "<" * 15
            record["line2"] = line2 + str(composite_check_digit(line2))


def _surname(line1: str) -> str:
    return line1[5:].split("<<")[0]


def _plausible_date(yymmdd: str) -> bool:
    return 1 <= int(yymmdd[2:4]) <= 12 and 1 <= int(yymmdd[4:6]) <= 31


def build(
    seed: int = SEED, size: int = BATCH_SIZE, corruptions=CORRUPTIONS, prefix: str = "R"
) -> tuple[list[dict], list[dict]]:
    """Return (batch rows, ground-truth rows), deterministic for the seed."""
    rng = random.Random(seed)
    records = []
    for n in range(1, size + 1):
        passport = random_passport(rng)
        line1, line2 = passport.line1(), passport.line2()
        records.append({"record_id": f"{prefix}{n:03d}", "line1": line1, "line2": line2})
    truth = {r["record_id"]: None for r in records}
    candidates = list(range(1, size))  # leave the first record clean for worked examples
    rng.shuffle(candidates)
    for kind, field, detectable, count in corruptions:
        done = 0
        while done < count:
            record = records[candidates.pop()]
            result = corrupt(rng, kind, field, record["line1"], record["line2"])
            # A corruption must behave as the card says: caught, or slipping past every check.
            if result is None or bool(failing_checks(result[1])) != detectable:
                continue
            record["line1"], record["line2"], before, after = result
            truth[record["record_id"]] = {
                "corruption": kind,
                "field": field,
                "detectable_by_check_digits": detectable,
                "original_value": before,
                "corrupted_value": after,
            }
            done += 1
    _empty_optional_data(random.Random(seed + 1), records, truth)
    ground_truth = []
    for record_id, entry in truth.items():
        row = {"record_id": record_id, "corrupted": entry is not None}
        row.update(
            entry
            or {
                "corruption": "",
                "field": "",
                "detectable_by_check_digits": "",
                "original_value": "",
                "corrupted_value": "",
            }
        )
        ground_truth.append(row)
    return records, ground_truth


def main() -> None:
    records, ground_truth = build()
    write_csv(HERE / "mrz-batch.csv", records)
    # The ground truth stays here: the assignment folder (and so the release) gets the batch only.
    write_csv(HERE / "ground-truth.csv", ground_truth)
    practice, practice_truth = build(**PRACTICE)
    write_csv(HERE / "practice-batch.csv", practice)
    write_csv(HERE / "practice-ground-truth.csv", practice_truth)
    if ASSIGNMENT.is_dir():
        write_csv(ASSIGNMENT / "mrz-batch.csv", records)


if __name__ == "__main__":
    main()
