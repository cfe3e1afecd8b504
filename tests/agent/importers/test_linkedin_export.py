"""The LinkedIn data-export reader, one test per trap in formats.md section 1."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.importers import ImportFormatError, ImportResult, detect, read_linkedin_export
from agent.importers.base import NOTE_LIMIT
from agent.kinds import DIRECTIONS, KIND_BY_ID
from tests.fixtures.exports import build

LI = build.LI


def by_kind(result: ImportResult, kind: str) -> list:
    return [i for i in result.interactions if i.kind == kind]


def dms_with(result: ImportResult, handle: str) -> list:
    return [i for i in result.interactions if i.kind == "dm" and i.person.handle == handle]


def minimal_export(folder: Path, *, messages: list[dict[str, str]] | None = None, variant: int = 2) -> Path:
    """A folder with Profile.csv and a messages.csv built from ``messages``."""
    build.write_csv(folder / "Profile.csv", build.PROFILE_HEADER, [build._profile_row("Engineer")])
    build.write_messages(folder / "messages.csv", variant, messages or [])
    return folder


def one_to_one(variant: int = 2) -> list[dict[str, str]]:
    conv = build.conversation_id("pair")
    return [
        {"conversation_id": conv, "from": "Priya Natarajan", "sender_profile_url": LI + "priya-natarajan",
         "to": build.OWNER_NAME, "recipient_profile_urls": build.OWNER_URL, "date": "2024-05-02 10:00:00 UTC",
         "content": "Thanks!", "folder": "INBOX"},
        {"conversation_id": conv, "from": build.OWNER_NAME, "sender_profile_url": build.OWNER_URL,
         "to": "Priya Natarajan", "recipient_profile_urls": LI + "priya-natarajan",
         "date": "2024-05-01 09:00:00 UTC", "content": "Here is the deck.", "folder": "INBOX"},
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------ containers
def test_unpacked_folder_is_read(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    assert result.network == "linkedin"
    assert len(by_kind(result, "connection_accepted")) == 6


def test_zip_with_files_in_a_subfolder_is_read(tmp_path: Path) -> None:
    folder = build.linkedin_2023(tmp_path)
    archive = build.zip_folder(folder, tmp_path / "Basic_LinkedInDataExport_06-12-2023.zip", top="export")
    from_zip = read_linkedin_export(archive)
    from_folder = read_linkedin_export(folder)
    assert sorted(i.source_id for i in from_zip.interactions) == sorted(i.source_id for i in from_folder.interactions)
    assert "export/Connections.csv" in from_zip.files_read


def test_zip_written_with_backslash_paths_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Export\\Connections.csv", build.CONNECTIONS_PREAMBLE + ",".join(build.CONNECTIONS_HEADER) + "\n"
                   f"Priya,Natarajan,{LI}priya-natarajan,,Northwind Labs,Staff Engineer,03 Mar 2017\n")  # fmt: skip
    [connection] = read_linkedin_export(archive).interactions
    assert connection.person.handle == "priya-natarajan"


def test_file_names_match_case_insensitively(tmp_path: Path) -> None:
    folder = build.linkedin_2023(tmp_path)
    (folder / "Connections.csv").rename(folder / "CONNECTIONS.CSV")
    (folder / "messages.csv").rename(folder / "Messages.csv")
    result = read_linkedin_export(folder)
    assert len(by_kind(result, "connection_accepted")) == 6
    assert len(by_kind(result, "dm")) == 4


def test_bot_chat_files_are_not_read(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert not any("guide" in f.lower() for f in result.files_read)
    assert not any("tips to grow" in i.note for i in result.interactions)


# --------------------------------------------------------------------------------------- Connections
def test_connections_preamble_is_skipped(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    names = {i.person.name for i in by_kind(result, "connection_accepted")}
    assert "Priya Natarajan" in names
    assert not any("Notes" in n for n in names)


def test_connections_header_without_url_is_read(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2019(tmp_path))
    connections = by_kind(result, "connection_accepted")
    assert {i.person.name for i in connections} == {"Priya Natarajan", "Jonas Becker", "Tomás Ferreira"}
    jonas = next(i for i in connections if i.person.name == "Jonas Becker")
    assert jonas.person.handle is None
    assert jonas.person.headline == "CTO at Kestrel GmbH"


def test_connections_rows_of_only_commas_are_skipped(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    assert len(by_kind(result, "connection_accepted")) == 6
    assert result.skipped == []


def test_connected_on_is_a_date_and_direction_unknown(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    priya = next(i for i in by_kind(result, "connection_accepted") if i.person.handle == "priya-natarajan")
    assert priya.at == "2017-03-03"
    assert priya.direction == "unknown"
    assert priya.network == "linkedin"


def test_connections_header_found_beyond_a_long_preamble_but_not_forever(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    rows = [["Priya", "Natarajan", LI + "priya-natarajan", "", "Northwind", "Engineer", "03 Mar 2017"]]
    build.write_csv(folder / "Connections.csv", build.CONNECTIONS_HEADER, rows, preamble="Notes:\n" * 15)
    assert len(read_linkedin_export(folder).interactions) == 1
    build.write_csv(folder / "Connections.csv", build.CONNECTIONS_HEADER, rows, preamble="Notes:\n" * 25)
    with pytest.raises(ImportFormatError, match=r"Connections\.csv: no header row"):
        read_linkedin_export(folder)


def test_same_name_connected_same_day_stays_two_events(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    rows = [
        ["Jordan", "Lee", LI + "jordan-lee-1", "", "A", "B", "01 Feb 2024"],
        ["Jordan", "Lee", LI + "jordan-lee-2", "", "C", "D", "01 Feb 2024"],
    ]
    build.write_csv(folder / "Connections.csv", build.CONNECTIONS_HEADER, rows)
    result = read_linkedin_export(folder)
    assert len({i.source_id for i in result.interactions}) == 2
    assert {p.handle for p in result.people} == {"jordan-lee-1", "jordan-lee-2"}


# ------------------------------------------------------------------------------------------ messages
@pytest.mark.parametrize("variant", [1, 2, 3, 4])
def test_messages_header_variants_map_by_name(tmp_path: Path, variant: int) -> None:
    result = read_linkedin_export(minimal_export(tmp_path / "export", messages=one_to_one(), variant=variant))
    dms = dms_with(result, "priya-natarajan")
    assert [(d.direction, d.note) for d in sorted(dms, key=lambda d: d.at)] == [
        ("me", "Here is the deck."),
        ("them", "Thanks!"),
    ]


def test_messages_columns_in_another_order_and_unknown_columns_are_ignored(tmp_path: Path) -> None:
    header = ["MYSTERY", "CONTENT", "DATE", "TO", "FROM", "SENDER PROFILE URL", "CONVERSATION ID"]
    row = ["x", "Hello there", "2024-05-02 10:00:00 UTC", build.OWNER_NAME, "Priya Natarajan",
           LI + "priya-natarajan", "conv-1"]  # fmt: skip
    folder = tmp_path / "export"
    build.write_csv(folder / "messages.csv", header, [row])
    result = read_linkedin_export(folder, me=build.OWNER_SLUG)
    [dm] = result.interactions
    assert (dm.person.handle, dm.direction, dm.note, dm.thread) == ("priya-natarajan", "them", "Hello there", "conv-1")


def test_message_direction_comes_from_sender_url(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    priya = sorted(dms_with(result, "priya-natarajan"), key=lambda d: d.at)
    assert [d.direction for d in priya if d.thread == build.conversation_id("priya-2025")] == ["me", "them"]


def test_one_to_one_message_i_sent_is_with_the_recipient(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    [to_dmitri] = dms_with(result, "dmitri-volkov-1")
    assert to_dmitri.direction == "me"
    assert to_dmitri.person.name == "Dmitri Volkov"


def test_one_to_one_without_recipient_urls_uses_the_other_writer_or_the_to_name(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2019(tmp_path))
    assert [d.direction for d in sorted(dms_with(result, "priya-natarajan"), key=lambda d: d.at)] == ["me", "them"]
    [to_jonas] = [i for i in by_kind(result, "dm") if i.person.name == "Jonas Becker"]
    assert (to_jonas.direction, to_jonas.person.handle) == ("me", None)


def test_group_message_from_someone_else_is_with_its_sender(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    guild = [i for i in by_kind(result, "dm") if i.thread == build.conversation_id("guild")]
    theirs = {(i.person.handle, i.note) for i in guild if i.direction == "them"}
    assert theirs == {
        ("jonasbecker", "Agenda for Friday is in the doc."),
        ("ngozi-okafor", "Great, looking forward to it 🎉"),
    }


def test_my_group_message_is_with_each_other_participant(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    mine = [i for i in by_kind(result, "dm") if i.thread == build.conversation_id("guild") and i.direction == "me"]
    assert {i.person.handle for i in mine} == {"jonasbecker", "priya-natarajan", "ngozi-okafor"}
    assert len({i.source_id for i in mine}) == 3
    assert {i.note for i in mine} == {"I'll present the lineage demo."}


def test_recipient_urls_split_on_semicolon_and_comma(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    club = [i for i in by_kind(result, "dm") if i.thread == build.conversation_id("book-club-2023")]
    assert {i.person.handle for i in club if i.direction == "me"} == {"mei-lin-2b", "ngozi-okafor"}
    assert {i.person.handle for i in club if i.direction == "them"} == {"mei-lin-2b"}


def test_my_message_to_a_large_group_is_not_counted_per_member(tmp_path: Path) -> None:
    members = [f"{LI}member-{n}" for n in range(12)]
    message = {"conversation_id": "conv-big", "conversation_title": "Alumni 2010", "from": build.OWNER_NAME,
               "sender_profile_url": build.OWNER_URL, "recipient_profile_urls": ";".join(members),
               "date": "2024-05-01 09:00:00 UTC", "content": "Reunion in June!"}  # fmt: skip
    result = read_linkedin_export(minimal_export(tmp_path / "export", messages=[message]), me=build.OWNER_URL)
    assert result.interactions == []
    assert any("groups of more than 10 people" in note for note in result.notes)


def test_multiline_quoted_content_keeps_commas_quotes_and_newlines(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    [coffee] = [i for i in dms_with(result, "priya-natarajan") if i.at == "2025-03-01T18:40:12+00:00"]
    assert coffee.note == (
        'Hi Priya,\nWould Thursday work for coffee? I\'ll bring the "draft" deck, slides 1, 2, and 3.\n\nAlex'
    )


def test_html_in_content_is_stripped_and_unescaped(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    [from_tomas] = [i for i in dms_with(result, "tomas-ferreira-88") if i.direction == "them"]
    assert from_tomas.note == "Olá Alex,\nLoved your post on data contracts & schemas.\nCoffee?"


def test_text_that_only_looks_like_html_is_kept(tmp_path: Path) -> None:
    message = {**one_to_one()[0], "content": "a < b and c > d <3 &amp; more"}
    result = read_linkedin_export(minimal_export(tmp_path / "export", messages=[message]), me=build.OWNER_SLUG)
    assert result.interactions[0].note == "a < b and c > d <3 & more"


def test_message_date_becomes_utc_iso(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2023(tmp_path))
    assert "2023-06-11T15:33:58+00:00" in {i.at for i in by_kind(result, "dm")}


def test_drafts_are_skipped_and_counted(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert not any("quick question" in i.note for i in result.interactions)
    assert "1 draft message skipped: never sent." in result.notes


def test_attachment_only_message_has_an_empty_note(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    [to_dmitri] = dms_with(result, "dmitri-volkov-1")
    assert to_dmitri.note == ""


def test_messages_from_company_pages_are_skipped_and_counted(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert not any("Acme" in p.name for p in result.people)
    assert any("company page" in note for note in result.notes)


def test_notes_are_truncated_at_the_limit(tmp_path: Path) -> None:
    message = {**one_to_one()[0], "content": "word " * 1000}
    result = read_linkedin_export(minimal_export(tmp_path / "export", messages=[message]), me=build.OWNER_SLUG)
    note = result.interactions[0].note
    assert len(note) == NOTE_LIMIT
    assert note.endswith("…")


# ------------------------------------------------------------------------------------------ the owner
def test_owner_comes_from_profile_and_the_url_in_most_conversations(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert result.owner is not None
    assert (result.owner.handle, result.owner.name) == (build.OWNER_SLUG, build.OWNER_NAME)
    assert result.owner.headline == "Data Platform Lead at Example Co"
    assert build.OWNER_SLUG not in {p.handle for p in result.people}


def test_owner_is_found_without_profile_csv(tmp_path: Path) -> None:
    folder = build.linkedin_2025(tmp_path)
    (folder / "Profile.csv").unlink()
    result = read_linkedin_export(folder)
    assert result.owner is not None
    assert (result.owner.handle, result.owner.name) == (build.OWNER_SLUG, build.OWNER_NAME)


@pytest.mark.parametrize(
    "me", ["priya-natarajan", LI + "priya-natarajan/", "https://uk.linkedin.com/in/Priya-Natarajan"]
)
def test_me_overrides_the_detected_owner(tmp_path: Path, me: str) -> None:
    folder = minimal_export(tmp_path / "export", messages=one_to_one())
    result = read_linkedin_export(folder, me=me)
    assert result.owner is not None
    assert result.owner.handle == "priya-natarajan"
    assert {(i.person.handle, i.direction) for i in result.interactions} == {
        (build.OWNER_SLUG, "me"),
        (build.OWNER_SLUG, "them"),
    }


def test_me_that_is_not_a_profile_is_refused(tmp_path: Path) -> None:
    folder = minimal_export(tmp_path / "export", messages=one_to_one())
    with pytest.raises(ImportFormatError, match="not a LinkedIn profile URL or slug"):
        read_linkedin_export(folder, me="https://www.linkedin.com/company/acme")


# ----------------------------------------------------------------------- invitations and endorsements
def test_invitations_direction_and_message_note(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path, newer=True))
    requests = {i.person.name: i for i in by_kind(result, "connection_request")}
    assert requests["Samuel O'Brien"].direction == "them"
    assert requests["Samuel O'Brien"].note == "Hi Alex, enjoyed your talk at DataConf, would love to connect."
    assert requests["Samuel O'Brien"].person.handle == "sam-obrien"
    assert (requests["Dmitri Volkov"].direction, requests["Dmitri Volkov"].note) == ("me", "")


def test_invitation_sent_at_uses_a_12_hour_clock(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    at = {i.person.name: i.at for i in by_kind(result, "connection_request")}
    assert at["Dmitri Volkov"] == "2024-11-03T16:02:00+00:00"
    assert at["Ines Carvalho"] == "2024-12-12T11:30:00+00:00"


def test_invitation_without_profile_urls_keeps_the_name(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    [ines] = [i for i in by_kind(result, "connection_request") if i.person.name == "Ines Carvalho"]
    assert ines.person.handle is None


def test_endorsement_url_without_scheme_gives_the_handle(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    received = {(i.person.handle, i.note, i.direction) for i in by_kind(result, "endorsement")}
    assert ("priya-natarajan", "Data Engineering", "them") in received
    assert ("chloe-dubois", "Product Design", "me") in received


def test_endorsement_date_with_slashes_is_parsed(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert "2023-06-18T14:24:54+00:00" in {i.at for i in by_kind(result, "endorsement")}


def test_only_accepted_endorsements_are_read(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert "Public Speaking" not in {i.note for i in by_kind(result, "endorsement")}
    assert "1 endorsement in Endorsement_Received_Info.csv skipped: not accepted." in result.notes


def test_recommendations_have_name_and_company_but_no_url(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    build.write_csv(
        folder / "Recommendations_Received.csv",
        build.RECOMMENDATIONS_HEADER,
        [["Kai", "Morgan", "Lumen Labs", "Director", "Kai-level praise.", "08/30/22, 05:51 PM", "VISIBLE"]],
    )
    [rec] = read_linkedin_export(folder).interactions
    assert (rec.kind, rec.direction, rec.at) == ("recommendation", "them", "2022-08-30T17:51:00+00:00")
    assert (rec.person.handle, rec.person.name, rec.person.company) == (None, "Kai Morgan", "Lumen Labs")


def test_recommendation_joins_the_one_connection_with_that_name(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    received = [i for i in by_kind(result, "recommendation") if i.direction == "them"]
    assert [i.person.handle for i in received] == ["jonasbecker"]
    assert "calm under pressure" in received[0].note
    assert len([p for p in result.people if p.name == "Jonas Becker"]) == 1


def test_only_visible_recommendations_are_read(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    assert {i.person.name for i in by_kind(result, "recommendation")} == {"Jonas Becker", "Priya Natarajan"}
    assert any("hidden or pending" in note for note in result.notes)


# ------------------------------------------------------------------------------------------ encodings
def test_mojibake_names_are_repaired(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    names = {p.name for p in result.people}
    assert {"Tomás Ferreira", "Chloé Dubois"} <= names
    assert not any("Ã" in n for n in names)


def test_genuine_accented_capitals_are_not_mangled(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    rows = [["JOÃO", "SÃO BENTO", LI + "joao-sb", "", "Ação", "CEO", "01 Feb 2024"]]
    build.write_csv(folder / "Connections.csv", build.CONNECTIONS_HEADER, rows)
    [person] = read_linkedin_export(folder).people
    assert person.name == "JOÃO SÃO BENTO"


def test_bom_is_stripped(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    rows = [["Priya", "Natarajan", LI + "priya-natarajan", "", "Northwind", "Engineer", "03 Mar 2017"]]
    build.write_csv(folder / "Connections.csv", build.CONNECTIONS_HEADER, rows, bom=True)
    [connection] = read_linkedin_export(folder).interactions
    assert connection.person.name == "Priya Natarajan"


def test_latin1_file_is_fatal_and_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as caught:
        read_linkedin_export(build.latin1_linkedin(tmp_path))
    assert (caught.value.file, caught.value.line) == ("Connections.csv", 6)
    assert str(caught.value).startswith("Connections.csv, line 6: this file is not UTF-8")
    assert "CSV UTF-8" in str(caught.value)


# ------------------------------------------------------------------------------------------ bad input
def test_not_an_export_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not look like a LinkedIn data export") as caught:
        read_linkedin_export(build.not_an_export_zip(tmp_path))
    assert "holiday_budget.zip" in str(caught.value)


def test_truncated_zip_is_fatal(tmp_path: Path) -> None:
    archive = build.zip_folder(build.linkedin_2025(tmp_path), tmp_path / "export.zip")
    cut = build.truncated_zip(archive, tmp_path / "cut.zip")
    with pytest.raises(ImportFormatError, match="damaged or incomplete") as caught:
        read_linkedin_export(cut)
    assert "cut.zip" in str(caught.value)


def test_corrupt_member_in_zip_is_fatal_and_names_the_file(tmp_path: Path) -> None:
    archive = build.zip_folder(build.linkedin_2023(tmp_path), tmp_path / "export.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("messages.csv")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 40] = bytes(35)
    archive.write_bytes(bytes(data))
    with pytest.raises(ImportFormatError, match=r"messages\.csv: this file in the ZIP is damaged"):
        read_linkedin_export(archive)


def test_missing_path_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no such file or folder"):
        read_linkedin_export(tmp_path / "nowhere.zip")


def test_malformed_row_is_skipped_with_file_and_line(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    by_line = {(s.file, s.line): s.reason for s in result.skipped}
    assert by_line[("Connections.csv", 13)] == "expected 7 fields, found 5"
    assert "Ines Carvalho" not in {i.person.name for i in by_kind(result, "connection_accepted")}


def test_unparseable_date_is_skipped_with_file_and_line(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    by_line = {(s.file, s.line): s.reason for s in result.skipped}
    assert by_line[("Connections.csv", 14)] == "unreadable Connected On date 'sometime in 2020'"
    assert any(f == "messages.csv" and "unreadable DATE 'last Tuesday'" in r for (f, _), r in by_line.items())


def test_overlong_field_is_skipped_and_reading_resumes_after_it(tmp_path: Path) -> None:
    first, last = one_to_one()
    huge = {**first, "date": "2024-05-03 10:00:00 UTC", "content": 'a "quoted" line, with commas\n' * 6000}
    result = read_linkedin_export(
        minimal_export(tmp_path / "export", messages=[first, huge, last]), me=build.OWNER_SLUG
    )
    assert sorted(i.note for i in result.interactions) == ["Here is the deck.", "Thanks!"]
    [skipped] = result.skipped
    assert (skipped.file, skipped.line) == ("messages.csv", 3)
    assert "field larger than field limit" in skipped.reason


def test_unrecognisable_header_is_fatal(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    build.write_csv(folder / "messages.csv", ["When", "Who", "What"], [["today", "me", "hi"]])
    with pytest.raises(ImportFormatError, match=r"messages\.csv: no header row with the columns Conversation Id"):
        read_linkedin_export(folder)


def test_empty_file_gives_no_events(tmp_path: Path) -> None:
    folder = build.linkedin_2023(tmp_path)
    (folder / "messages.csv").write_bytes(b"")
    result = read_linkedin_export(folder)
    assert by_kind(result, "dm") == []
    assert len(by_kind(result, "connection_accepted")) == 6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8")))
def test_hostile_bytes_raise_only_import_format_error(tmp_path: Path, junk: bytes) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir(exist_ok=True)
    header = ",".join(build.MESSAGES_HEADERS[4]).encode() + b"\n"
    (folder / "messages.csv").write_bytes(header + junk)
    (folder / "Connections.csv").write_bytes(junk)
    try:
        result = read_linkedin_export(folder)
    except ImportFormatError as exc:
        assert exc.file is not None
    else:
        assert all(i.kind in KIND_BY_ID and i.direction in DIRECTIONS for i in result.interactions)


# ---------------------------------------------------------------------------------- ids and results
def test_source_ids_are_stable_between_an_older_and_a_newer_export(tmp_path: Path) -> None:
    older = read_linkedin_export(build.linkedin_2025(tmp_path))
    newer = read_linkedin_export(
        build.zip_folder(build.linkedin_2025(tmp_path, newer=True), tmp_path / "Complete_LinkedInDataExport.zip")
    )
    older_ids = {i.source_id for i in older.interactions}
    newer_ids = {i.source_id for i in newer.interactions}
    assert older_ids < newer_ids
    assert len(newer_ids - older_ids) == 4  # two new messages, Samuel's connection and his invitation


def test_source_ids_differ_for_different_events(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path, newer=True))
    ids = [i.source_id for i in result.interactions]
    assert len(ids) == len(set(ids))


def test_source_ids_do_not_depend_on_the_file_name_or_folder(tmp_path: Path) -> None:
    first = read_linkedin_export(build.linkedin_2023(tmp_path / "a"))
    archive = build.zip_folder(build.linkedin_2023(tmp_path / "b"), tmp_path / "renamed-export.zip", top="x/y")
    second = read_linkedin_export(archive)
    assert {i.source_id for i in first.interactions} == {i.source_id for i in second.interactions}


def test_connection_ids_survive_the_url_column_being_added(tmp_path: Path) -> None:
    old = read_linkedin_export(build.linkedin_2019(tmp_path))
    new = read_linkedin_export(build.linkedin_2023(tmp_path))
    old_ids = {i.source_id for i in by_kind(old, "connection_accepted")}
    assert old_ids <= {i.source_id for i in by_kind(new, "connection_accepted")}


def test_every_event_uses_a_known_kind_and_direction(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path, newer=True))
    assert {i.kind for i in result.interactions} == {
        "connection_accepted",
        "connection_request",
        "dm",
        "endorsement",
        "recommendation",
    }
    assert all(i.direction in DIRECTIONS and i.network == "linkedin" and not i.ask for i in result.interactions)


def test_people_are_listed_once_with_the_best_name_and_headline(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2025(tmp_path))
    handles = [p.handle for p in result.people if p.handle]
    assert len(handles) == len(set(handles))
    priya = next(p for p in result.people if p.handle == "priya-natarajan")
    assert (priya.name, priya.headline, priya.company) == (
        "Priya Natarajan",
        "Staff Engineer at Northwind Labs",
        "Northwind Labs",
    )
    assert {id(i.person) for i in dms_with(result, "priya-natarajan")} == {id(priya)}


def test_progress_is_reported_in_rows_and_ends_complete(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    read_linkedin_export(build.linkedin_2025(tmp_path), progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0
    assert calls[-1][0] == calls[-1][1] > 0
    assert all(done <= total for done, total in calls)


def test_detect_recognises_a_linkedin_export(tmp_path: Path) -> None:
    folder = build.linkedin_2019(tmp_path)
    assert detect(folder) == "linkedin"
    assert detect(build.zip_folder(folder, tmp_path / "e.zip", top="Basic_LinkedInDataExport")) == "linkedin"
    assert detect(build.not_an_export_zip(tmp_path)) is None


def test_a_2018_export_reads_messages_with_a_direction_column_and_no_conversation_ids(tmp_path: Path) -> None:
    """A 2018 export imported nothing: "Messages.csv: no header row with the columns Conversation Id, ..."."""
    result = read_linkedin_export(build.zip_folder(build.linkedin_2018(tmp_path / "li"), tmp_path / "li.zip"))
    dms = [(i.person.name, i.direction, i.at) for i in by_kind(result, "dm")]
    assert sorted(dms) == [
        ("Jonas Becker", "me", "2018-09-03T23:05:00+00:00"),
        ("Mei Lin", "them", "2018-07-21T14:47:00+00:00"),
        ("Priya Natarajan", "me", "2018-10-15T17:12:00+00:00"),
        ("Priya Natarajan", "them", "2018-10-16T08:36:00+00:00"),
    ]
    assert all(i.person.handle is None for i in result.interactions)  # known by name until a profile is seen
    priya = [i for i in by_kind(result, "dm") if i.person.name == "Priya Natarajan"]
    assert len({i.thread for i in priya}) == 1  # her reply pairs up with the message before it
    reply = next(i for i in priya if i.direction == "them")
    assert reply.note == 'Thanks Alex & good luck with the launch! I\'ll send the "data contracts" deck.'
    assert [(s.file, s.line) for s in result.skipped] == [("Messages.csv", 6)]
    assert result.owner is not None and result.owner.name == "Alex Rivera"


def test_a_2018_export_reads_connections_and_invitations_with_us_dates(tmp_path: Path) -> None:
    result = read_linkedin_export(build.linkedin_2018(tmp_path / "li"))
    connections = {i.person.name: i.at for i in by_kind(result, "connection_accepted")}
    assert connections == {
        "Priya Natarajan": "2018-01-08",
        "Jonas Becker": "2017-11-23",
        "Tomás Ferreira": "2018-03-02",
    }
    invitations = {(i.person.name, i.direction, i.at, i.note) for i in by_kind(result, "connection_request")}
    assert invitations == {
        ("Tomás Ferreira", "them", "2018-03-01T19:55:00+00:00", "We met at the PyData meetup – let's connect!"),
        ("Ngozi Okafor", "me", "2018-05-30T10:20:00+00:00", ""),
    }
    headlines = {p.name: p.headline for p in result.people}
    assert headlines["Priya Natarajan"] == "Staff Engineer at Northwind Labs"


def test_a_2018_export_read_twice_gives_the_same_source_ids(tmp_path: Path) -> None:
    first = read_linkedin_export(build.linkedin_2018(tmp_path / "a"))
    second = read_linkedin_export(build.linkedin_2018(tmp_path / "b"))
    assert sorted(i.source_id for i in first.interactions) == sorted(i.source_id for i in second.interactions)
    assert len({i.source_id for i in first.interactions}) == len(first.interactions)
