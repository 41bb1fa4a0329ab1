import subprocess
import sys

import pytest

from xl_renja.kode import (
    PROBLEM_MESSAGES,
    Kode,
    KodeLevel,
    check_kode,
    is_legacy_kode,
    looks_like_kode,
    parse_kode,
)

L = KodeLevel


@pytest.mark.parametrize(
    "raw, text, level, sub_digits",
    [
        ("4", "4", L.URUSAN, None),
        ("4.01", "4.01", L.BIDANG, None),
        ("4.01.01", "4.01.01", L.PROGRAM, None),
        ("4.01.01.2.01", "4.01.01.2.01", L.KEGIATAN, None),
        ("4.01.01.2.01.01", "4.01.01.2.01.01", L.SUB_KEGIATAN, 2),
        ("4.01.01.2.01.0001", "4.01.01.2.01.0001", L.SUB_KEGIATAN, 4),
        ("  4.01.01.2.01.0001  ", "4.01.01.2.01.0001", L.SUB_KEGIATAN, 4),
        ("4.01.01.2.01.0001.", "4.01.01.2.01.0001", L.SUB_KEGIATAN, 4),
        ("\xa04.01.\n", "4.01", L.BIDANG, None),
        ("X.XX.01.2.01.01", "X.XX.01.2.01.01", L.SUB_KEGIATAN, 2),
        ("x.xx.01", "X.XX.01", L.PROGRAM, None),
        ("0.00.01.2.01.01", "0.00.01.2.01.01", L.SUB_KEGIATAN, 2),
        ("1.02.03.1.04.0005", "1.02.03.1.04.0005", L.SUB_KEGIATAN, 4),
        ("7.01.01.8.01", "7.01.01.8.01", L.KEGIATAN, None),
        # numbers from Excel cells
        (4, "4", L.URUSAN, None),
        (4.0, "4", L.URUSAN, None),
        (4.01, "4.01", L.BIDANG, None),
        (4.1, "4.10", L.BIDANG, None),  # Excel dropped the trailing zero of 4.10
    ],
)
def test_parse_valid(raw, text, level, sub_digits):
    kode = parse_kode(raw)
    assert kode is not None
    assert kode.text == text
    assert str(kode) == text
    assert kode.level is level
    assert kode.sub_digits == sub_digits
    assert kode.segments == tuple(text.split("."))
    assert check_kode(raw) == (kode, [])


@pytest.mark.parametrize(
    "raw, problems, text",
    [
        ("4,01", ["separator"], "4.01"),
        ("4 01 01", ["separator"], "4.01.01"),
        ("4..01.01", ["separator"], "4.01.01"),
        ("4-01-01", ["separator"], "4.01.01"),
        ("4. 01", ["separator"], "4.01"),
        (".4.01", ["separator"], "4.01"),
        ("4.01.01.2.01.0001a", ["stray_character"], "4.01.01.2.01.0001"),
        ("4.01.01.2.O1", ["stray_character", "width"], "4.01.01.2.1"),
        ("4.1.01", ["width"], "4.1.01"),
        ("44.01", ["width"], "44.01"),
        ("4.01.1", ["width"], "4.01.1"),
        ("4.01.01.2.1", ["width"], "4.01.01.2.1"),
        ("4.01.01.2.001", ["width"], "4.01.01.2.001"),
        ("4.01.02.2.02.001", ["sub_width"], "4.01.02.2.02.001"),
        ("4.01.02.2.02.1", ["sub_width"], "4.01.02.2.02.1"),
        ("4.01.02.2.02.00001", ["sub_width"], "4.01.02.2.02.00001"),
        ("4.01.01.9.01", ["region"], "4.01.01.9.01"),
        ("4.01.01.0.01", ["region"], "4.01.01.0.01"),
        ("4.01.01.02.01", ["region"], "4.01.01.02.01"),
        ("4.01.0X", ["stray_character"], "4.01.0X"),
        ("4,01.01.2.01.001", ["separator", "sub_width"], "4.01.01.2.01.001"),
    ],
)
def test_check_problems_best_effort(raw, problems, text):
    kode, found = check_kode(raw)
    assert found == problems
    assert kode is not None and kode.text == text
    assert parse_kode(raw) is None
    assert all(p in PROBLEM_MESSAGES for p in found)


@pytest.mark.parametrize(
    "raw, problems",
    [
        ("", ["empty"]),
        ("   ", ["empty"]),
        (None, ["empty"]),
        (True, ["not_kode"]),
        ("Program Penunjang", ["not_kode"]),
        ("4.01.01.2", ["incomplete"]),
        ("4.01.01.2.01.01.01", ["too_many_segments"]),
        ("4001.400101.01.001", ["legacy"]),
        ("4001,01", ["legacy"]),
        ("4001.01", ["legacy"]),
        ("4001.400101.13", ["legacy"]),
        ("4001.400101", ["legacy"]),
        (" 4001.400101.13. ", ["legacy"]),
    ],
)
def test_check_unparseable(raw, problems):
    assert check_kode(raw) == (None, problems)
    assert parse_kode(raw) is None


def test_sub_width_row_can_still_be_placed():
    kode, problems = check_kode("4.01.02.2.02.001")
    assert problems == ["sub_width"]
    assert kode.level is L.SUB_KEGIATAN
    assert kode.sub_digits == 3
    assert kode.parent.text == "4.01.02.2.02"
    assert parse_kode("4.01.02.2.02").is_ancestor_of(kode)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4001.400101.01.001", True),
        ("4001,01", True),
        ("4001.01", True),
        ("4001, 01", True),
        ("4001.400101.13", True),
        ("4001.400101", True),
        ("4.01.01.2.01.0001", False),
        ("4.01", False),
        ("4001", False),
        ("Sekretariat", False),
        (None, False),
        (4001.01, True),
    ],
)
def test_is_legacy(raw, expected):
    assert is_legacy_kode(raw) is expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("4.01.01.2.01.0001", True),
        ("4", True),
        ("4,01", True),
        ("4 . 01 . 01", True),
        ("X.XX.01.2.01.01", True),
        ("4.01.01.2.01.0001.", True),
        ("4001.400101.01.001", True),
        ("4.01.01.2.01.0O01", True),  # one stray letter: still a (bad) kode
        (4, True),
        (4.01, True),
        ("Program Penunjang Urusan Pemerintahan", False),
        ("12 Bulan", False),
        ("4.01.01 Program Penunjang", False),
        ("O1", False),
        ("", False),
        (None, False),
        (True, False),
        ("(1)", False),
    ],
)
def test_looks_like_kode(raw, expected):
    assert looks_like_kode(raw) is expected


def test_parent_chain():
    kode = parse_kode("4.01.01.2.01.0001")
    chain = []
    while kode is not None:
        chain.append((kode.text, kode.level))
        kode = kode.parent
    assert chain == [
        ("4.01.01.2.01.0001", L.SUB_KEGIATAN),
        ("4.01.01.2.01", L.KEGIATAN),
        ("4.01.01", L.PROGRAM),
        ("4.01", L.BIDANG),
        ("4", L.URUSAN),
    ]
    assert parse_kode("4.01.01.2.01.01").parent.sub_digits is None


@pytest.mark.parametrize(
    "raw, region",
    [
        ("4", None),
        ("4.01", None),
        ("4.01.01", None),
        ("4.01.01.2.01", "2"),
        ("4.01.01.1.01.0001", "1"),
    ],
)
def test_region(raw, region):
    assert parse_kode(raw).region == region


@pytest.mark.parametrize(
    "ancestor, descendant, expected",
    [
        ("4", "4.01", True),
        ("4", "4.01.01.2.01.0001", True),
        ("4.01", "4.01.01", True),
        ("4.01.01", "4.01.01.2.01", True),
        ("4.01.01.2.01", "4.01.01.2.01.01", True),
        ("4.01.01.2.01", "4.01.01.2.01.0001", True),
        ("4.01.01", "4.01.02.2.01", False),
        ("4.01", "4.02.01", False),
        ("4", "5.01", False),
        ("4.01.01.2.01", "4.01.01.2.02.0001", False),
        ("4.01.01.2.01", "4.01.01.1.01.0001", False),  # provinsi vs kab/kota
        ("4.01.01", "4.01.01", False),  # strict
        ("4.01.01.2.01.01", "4.01.01.2.01.0001", False),  # same level
        ("4.01.01.2.01", "4.01.01", False),  # reversed
        ("X.XX.01", "4.01.01.2.01.0001", True),  # wildcard penunjang
        ("X.XX.01", "4.01.02.2.01.0001", False),
        ("X.XX.01.2.01", "4.01.01.2.01.0001", True),
    ],
)
def test_is_ancestor_of(ancestor, descendant, expected):
    assert parse_kode(ancestor).is_ancestor_of(parse_kode(descendant)) is expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("4.01.01.2.01.01", "4.01.01.2.01.0001", True),
        ("4.01.01.2.01.01", "X.XX.01.2.01.01", True),
        ("4.01.01.2.01.01", "4.01.01.2.01.02", False),
        ("4.01.01.2.01", "4.01.01.2.01.01", False),
    ],
)
def test_matches(a, b, expected):
    assert parse_kode(a).matches(parse_kode(b)) is expected


@pytest.mark.parametrize(
    "raw, generic",
    [
        ("4.01.01.2.01.01", "X.XX.01.2.01.01"),
        ("4.01.01.2.01.0001", "X.XX.01.2.01.0001"),
        ("1.02.01.2.02", "X.XX.01.2.02"),
        ("0.00.01.2.01.01", "X.XX.01.2.01.01"),
        ("4.01.01", "X.XX.01"),
        ("4.01.02.2.01.01", "4.01.02.2.01.01"),
        ("4.01", "4.01"),
        ("4", "4"),
        ("X.XX.01.2.01.01", "X.XX.01.2.01.01"),
    ],
)
def test_generic(raw, generic):
    assert parse_kode(raw).generic() == generic


@pytest.mark.parametrize(
    "raw, digits, expected",
    [
        ("4.01.01.2.01.01", 4, "4.01.01.2.01.0001"),
        ("4.01.01.2.01.0001", 4, "4.01.01.2.01.0001"),
        ("4.01.01.2.01.0001", 2, "4.01.01.2.01.01"),
        ("4.01.01.2.01.12", 4, "4.01.01.2.01.0012"),
        ("4.01.01.2.01.0123", 2, "4.01.01.2.01.123"),  # too wide: unpadded
        ("4.01.01.2.01", 4, "4.01.01.2.01"),
        ("4.01", 4, "4.01"),
    ],
)
def test_canonical(raw, digits, expected):
    assert parse_kode(raw).canonical(digits) == expected


def test_canonical_default_is_four_digits_and_best_effort_kode():
    kode, _ = check_kode("4.01.02.2.02.001")
    assert kode.canonical() == "4.01.02.2.02.0001"
    assert parse_kode("4.01.01.2.01.01").canonical() == "4.01.01.2.01.0001"


def test_kode_is_hashable_and_frozen():
    a, b = parse_kode("4.01"), parse_kode(" 4.01 ")
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.text = "5"  # type: ignore[misc]
    assert isinstance(a, Kode)


def test_import_is_light():
    code = (
        "import sys, xl_renja.kode, xl_renja.values, xl_renja.satuan;"
        "bad = [m for m in ('pandas', 'openpyxl', 'babel', 'rapidfuzz') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
