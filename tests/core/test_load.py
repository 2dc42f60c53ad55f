"""The loader: safe YAML with positions, YAML 1.2 scalars, and limits against hostile files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.load import MAX_DEPTH, MAX_FILE_BYTES, LoadError, load_file, parse


def test_keeps_line_and_column_of_every_value() -> None:
    doc = parse("id: x\nplacements:\n  - level: staged\n    date: '2019'\n", "f.yaml")
    assert doc.position(("placements", 0, "level")).line == 3
    assert doc.position(("placements", 0, "level")).column == 12
    assert doc.position(("placements", 0, "date")).line == 4


def test_missing_path_falls_back_to_nearest_parent() -> None:
    doc = parse("a:\n  b: 1\n", "f.yaml")
    assert doc.position(("a", "nope")).line == 2


@pytest.mark.parametrize("text", ["NO", "no", "on", "Off", "yes", "y"])
def test_yaml_1_1_booleans_stay_strings(text: str) -> None:
    assert parse(f"v: {text}\n", "f.yaml").data == {"v": text}


@pytest.mark.parametrize("text", ["2023-01", "2023-01-05", "2019", "1:20", "0777"])
def test_dates_and_sexagesimals_are_not_converted(text: str) -> None:
    value = parse(f"v: {text}\n", "f.yaml").data["v"]
    assert value == (int(text) if text in ("2019", "0777") else text)
    assert not hasattr(value, "year")


def test_core_schema_scalars() -> None:
    data = parse("a: true\nb: 12\nc: 1.5\nd: ~\ne: '12'\n", "f.yaml").data
    assert data == {"a": True, "b": 12, "c": 1.5, "d": None, "e": "12"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a' (first at line 1)", 2),
        ("a: &x [1]\nb: *x\n", "anchors and aliases", 1),
        ("a: !!python/object:os.system 1\n", "YAML tags", 1),
        ("a:\n\t- b\n", "YAML syntax error", 2),
        ("", "file is empty", 1),
    ],
)
def test_rejects_with_a_located_message(text: str, message: str, line: int) -> None:
    with pytest.raises(LoadError) as info:
        parse(text, "catalog/systems/x.yaml")
    assert message in info.value.diagnostic.message
    assert info.value.diagnostic.line == line
    assert str(info.value).startswith(f"catalog/systems/x.yaml:{line}:")


def test_deep_nesting_is_rejected_before_building_a_tree() -> None:
    with pytest.raises(LoadError, match=f"deeper than {MAX_DEPTH}"):
        parse("[" * 10_000 + "]" * 10_000, "f.yaml")


def test_billion_laughs_is_rejected() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(LoadError, match="anchors and aliases"):
        parse(bomb, "f.yaml")


def test_oversized_file_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("summary: '" + "x" * MAX_FILE_BYTES + "'\n", encoding="utf-8")
    with pytest.raises(LoadError, match="over the"):
        load_file(path, "big.yaml")


def test_non_utf8_names_the_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\nname: caf\xe9\n".encode("latin-1"))
    with pytest.raises(LoadError) as info:
        load_file(path, "latin1.yaml")
    assert info.value.diagnostic.line == 2
    assert "not UTF-8" in info.value.diagnostic.message


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffid: x\r\nname: y\r\n".encode())
    assert load_file(path).data == {"id": "x", "name": "y"}
