"""KitError: the place of a fault kept in fields, the one-line text unchanged."""

import pickle
from pathlib import Path

from kit.errors import KitError, run_command


def test_message_names_file_row_and_item_as_before():
    """Does a KitError with fields read exactly as the one-line messages did before the fields?"""
    err = KitError("level 7 is outside 0-4", file=Path("a/interior.csv"), row=2, item="a.one")
    assert str(err) == "a/interior.csv: row 2 (a.one): level 7 is outside 0-4"
    assert (err.file, err.row, err.item) == (Path("a/interior.csv"), 2, "a.one")
    assert str(KitError("unknown item id 'x'", file="f.csv", row=3)) == (
        "f.csv: row 3: unknown item id 'x'"
    )
    assert str(KitError("empty file", file="f.csv")) == "f.csv: empty file"
    assert str(KitError("no answer", item="a.one")) == "item a.one: no answer"
    assert str(KitError("no response files given")) == "no response files given"


def test_place_words_follow_the_language_file_names_and_ids_do_not():
    """Are "row" and "item" said in the current language when the line is made, with the file
    name and item id unchanged?"""
    from kit import i18n

    err = KitError("x", file="a/interior.csv", row=2, item="a.one")
    with i18n.use("fr"):
        assert str(err) == "a/interior.csv: ligne 2 (a.one): x"
        assert str(KitError("x", item="a.one")) == "élément a.one: x"
    with i18n.use("es"):
        assert str(KitError("x", file="f.csv", row=3)) == "f.csv: fila 3: x"
    with i18n.use("en"):
        assert str(err) == "a/interior.csv: row 2 (a.one): x"


def test_fields_survive_a_process_boundary():
    """Does a KitError sent back from a worker process keep its message and fields?"""
    err = pickle.loads(pickle.dumps(KitError("bad", file="f.csv", row=4, item="b.two")))
    assert isinstance(err, KitError)
    assert (err.message, err.file, err.row, err.item) == ("bad", "f.csv", 4, "b.two")
    assert str(err) == "f.csv: row 4 (b.two): bad"


def test_run_command_prints_the_line_and_exits_2(capsys):
    """Does a command that raises a KitError print one 'kit: error:' line and return 2?"""

    def fail() -> int:
        raise KitError("empty file", file="f.csv")

    assert run_command(fail) == 2
    assert capsys.readouterr().err == "kit: error: f.csv: empty file\n"


def test_a_value_with_a_line_break_keeps_the_message_on_one_line():
    """Does a cell holding a carriage return, quoted in a message, stay one line (escaped)?"""
    from kit.errors import shown

    assert shown("U\rtopia") == "U\\rtopia"
    assert shown("x" * 100).endswith("…") and len(shown("x" * 100)) == 60
