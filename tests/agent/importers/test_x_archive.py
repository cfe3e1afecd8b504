"""The X archive reader, one test per trap in formats.md section 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.importers import ImportFormatError, ImportResult, detect, read_x_archive
from agent.kinds import DIRECTIONS, KIND_BY_ID
from tests.fixtures.exports import build
from tests.fixtures.exports.build import JONAS, MEI, NGOZI, PRIYA, SAM, X_FOLLOWER_ONLY, X_OWNER_ID


def by_kind(result: ImportResult, kind: str) -> list:
    return [i for i in result.interactions if i.kind == kind]


def with_id(result: ImportResult, kind: str, account_id: str) -> list:
    return [i for i in by_kind(result, kind) if i.person.x_id == account_id]


def archive_folder(tmp_path: Path, files: dict[str, tuple[str, object]]) -> Path:
    """A flat archive folder holding only ``files`` (name -> (global name, value))."""
    folder = tmp_path / "archive"
    for name, (global_name, value) in files.items():
        build.archive_js(folder / name, global_name, value)
    return folder


# ------------------------------------------------------------------------------------------ containers
def test_zip_with_data_folder_is_read(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    archive = build.zip_folder(folder, tmp_path / "twitter-2022-10-11-abc123.zip")
    from_zip = read_x_archive(archive)
    assert sorted(i.source_id for i in from_zip.interactions) == sorted(
        i.source_id for i in read_x_archive(folder).interactions
    )
    assert "data/tweets-part1.js" in from_zip.files_read


def test_zip_with_an_extra_top_folder_is_read(tmp_path: Path) -> None:
    archive = build.zip_folder(build.x_2022(tmp_path), tmp_path / "archive.zip", top="twitter-2022-10-11")
    assert len(by_kind(read_x_archive(archive), "dm")) == 6


def test_flat_folder_without_manifest_is_read(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2019(tmp_path))
    assert result.owner is not None
    assert result.owner.x_id == X_OWNER_ID
    assert len(by_kind(result, "dm")) == 2


# --------------------------------------------------------------------------------------- file format
def test_ytd_prefix_trailing_semicolon_and_missing_newline_are_tolerated(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    assert (folder / "data/tweets.js").read_text().endswith("];\n")
    assert not (folder / "data/like.js").read_text().endswith("\n")
    result = read_x_archive(folder)
    assert len(by_kind(result, "comment")) == 3
    assert "412 likes skipped: X archives do not say whose tweet was liked." in result.notes


def test_printer_style_of_the_real_manifest_is_read(tmp_path: Path, real_page) -> None:
    folder = tmp_path / "archive" / "data"
    folder.mkdir(parents=True)
    (folder / "manifest.js").write_text(real_page("x_archive_manifest_eth_classic_2022-10.js"), encoding="utf-8")
    result = read_x_archive(tmp_path / "archive")
    assert result.owner is not None
    assert (result.owner.x_id, result.owner.handle, result.owner.name) == (
        "759252279862104064",
        "ergo_platform",
        "Ergo",
    )
    missing = {s.file for s in result.skipped}
    assert {"data/tweets.js", "data/follower.js", "data/direct-messages.js"} <= missing
    assert "data/direct-messages-group.js" not in missing  # its count is 0: absent is fine


def test_manifest_is_authoritative_for_files_and_parts(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    stray = build.tweet("1580000000000009999", "Sat Oct 08 10:00:00 +0000 2022", "@jbecker stray", mentions=(JONAS,))
    build.archive_js(folder / "data/tweets-part9.js", "YTD.tweets.part9", [{"tweet": stray}])
    result = read_x_archive(folder)
    assert "data/tweets-part9.js" not in result.files_read
    assert not any("stray" in i.note for i in result.interactions)


def test_without_manifest_files_and_parts_are_found_by_name(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    (folder / "data/manifest.js").unlink()
    result = read_x_archive(folder)
    assert {"data/tweets.js", "data/tweets-part1.js", "data/direct-messages-group.js"} <= set(result.files_read)
    assert len(by_kind(result, "comment")) == 3


def test_manifest_listing_a_missing_file_is_reported(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    (folder / "data/tweets-part1.js").unlink()
    result = read_x_archive(folder)
    assert [(s.file, s.reason) for s in result.skipped] == [
        ("data/tweets-part1.js", "listed in manifest.js but missing from the archive")
    ]
    assert any("tweets-part1.js is listed in manifest.js but missing" in note for note in result.notes)


def test_malformed_js_is_fatal_and_names_file_and_line(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    text = (folder / "data/follower.js").read_text()
    (folder / "data/follower.js").write_text(text[: len(text) // 2])
    with pytest.raises(ImportFormatError) as caught:
        read_x_archive(folder)
    assert caught.value.file == "data/follower.js"
    assert caught.value.line is not None and caught.value.line > 1
    assert "cut off or damaged" in str(caught.value)
    assert str(caught.value).startswith(f"data/follower.js, line {caught.value.line}:")


def test_file_without_the_window_assignment_is_fatal(tmp_path: Path) -> None:
    folder = build.x_2019(tmp_path)
    (folder / "tweet.js").write_text("var tweets = 3\n")
    with pytest.raises(ImportFormatError, match=r"tweet\.js, line 1: this is not an X archive data file"):
        read_x_archive(folder)


def test_record_that_is_not_an_object_is_skipped_with_its_number(tmp_path: Path) -> None:
    follows = [{"following": {"accountId": JONAS}}, "garbage", {"following": {"accountId": "not-a-number"}}]
    result = read_x_archive(archive_folder(tmp_path, {"following.js": ("YTD.following.part0", follows)}))
    assert [i.person.x_id for i in result.interactions] == [JONAS]
    assert [(s.file, s.line) for s in result.skipped] == [("following.js", 2), ("following.js", 3)]


def test_not_an_x_archive_is_fatal(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not look like an X archive") as caught:
        read_x_archive(build.not_an_export_zip(tmp_path))
    assert "holiday_budget.zip" in str(caught.value)


def test_truncated_zip_is_fatal(tmp_path: Path) -> None:
    archive = build.zip_folder(build.x_2022(tmp_path), tmp_path / "twitter.zip")
    with pytest.raises(ImportFormatError, match="damaged or incomplete"):
        read_x_archive(build.truncated_zip(archive, tmp_path / "cut.zip"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=300) | st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["tweet", "dmConversation", "messages", "messageCreate", "senderId", "following",
                         "entities", "user_mentions", "id_str", "created_at", "conversationId", "text"]),
        inner, max_size=4),
    max_leaves=20,
).map(lambda v: ("window.YTD.tweets.part0 = " + json.dumps(v)).encode()))  # fmt: skip
def test_hostile_files_raise_only_import_format_error(tmp_path: Path, junk: bytes) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir(exist_ok=True)
    for name in ("tweets.js", "direct-messages.js", "following.js"):
        (folder / name).write_bytes(junk)
    try:
        result = read_x_archive(folder)
    except ImportFormatError as exc:
        assert exc.file is not None
    else:
        assert all(i.kind in KIND_BY_ID and i.direction in DIRECTIONS for i in result.interactions)


# ------------------------------------------------------------------------------------------ the owner
def test_owner_comes_from_account_js(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2019(tmp_path))
    assert result.owner is not None
    assert (result.owner.handle, result.owner.x_id, result.owner.name) == ("alexriveradev", X_OWNER_ID, "Alex Rivera")


def test_owner_comes_from_the_manifest_without_account_js(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    (folder / "data/account.js").unlink()
    result = read_x_archive(folder)
    assert result.owner is not None
    assert (result.owner.handle, result.owner.x_id) == ("alexriveradev", X_OWNER_ID)


def test_owner_comes_from_conversation_ids_without_account_or_manifest(tmp_path: Path) -> None:
    folder = build.x_2022(tmp_path)
    (folder / "data/account.js").unlink()
    (folder / "data/manifest.js").unlink()
    result = read_x_archive(folder)
    assert result.owner is not None
    assert result.owner.x_id == X_OWNER_ID
    assert result.owner.handle == "alexriveradev"  # learned from a tweet that mentions the owner
    assert {i.direction for i in with_id(result, "dm", PRIYA)} == {"me", "them"}
    assert X_OWNER_ID not in {i.person.x_id for i in result.interactions}


# ------------------------------------------------------------------------------------------- follows
def test_following_is_an_undated_follow_by_me(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    following = [i for i in by_kind(result, "follow") if i.direction == "me"]
    assert {i.person.x_id for i in following} == {PRIYA, JONAS, SAM}
    assert {i.at for i in following} == {None}


def test_follower_is_an_undated_follow_by_them(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    followers = [i for i in by_kind(result, "follow") if i.direction == "them"]
    assert {i.person.x_id for i in followers} == {PRIYA, X_FOLLOWER_ONLY, NGOZI}
    assert {i.at for i in followers} == {None}


def test_follow_handles_come_from_mentions_and_replies(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    handles = {i.person.x_id: i.person.handle for i in by_kind(result, "follow")}
    assert handles[PRIYA] == "priya_codes"  # from a reply
    assert handles[SAM] == "quillfeathersam"  # from a retweet's mention: not an event, still a handle
    assert handles[X_FOLLOWER_ONLY] is None


# ------------------------------------------------------------------------------------------- messages
def test_dm_direction_comes_from_sender_and_thread_is_the_conversation(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    priya = sorted(with_id(result, "dm", PRIYA), key=lambda i: i.at)
    assert [(i.direction, i.at) for i in priya] == [
        ("me", "2022-10-01T13:00:54+00:00"),
        ("them", "2022-10-02T09:30:00+00:00"),
    ]
    assert {i.thread for i in priya} == {build.pair_id(PRIYA, X_OWNER_ID)}
    assert priya[0].person.handle == "priya_codes"


def test_group_dm_from_someone_else_is_with_its_sender(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    theirs = [i for i in by_kind(result, "dm") if i.thread == "1580000000000000300" and i.direction == "them"]
    assert [(i.person.x_id, i.note) for i in theirs] == [(NGOZI, "Meetup on Friday?")]


def test_my_group_dm_is_with_each_participant_including_those_who_joined(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    mine = [i for i in by_kind(result, "dm") if i.thread == "1580000000000000300" and i.direction == "me"]
    assert {i.person.x_id for i in mine} == {NGOZI, JONAS, SAM}
    assert len({i.source_id for i in mine}) == 3


def test_unknown_dm_events_are_ignored(tmp_path: Path) -> None:
    conversation = {"dmConversation": {"conversationId": build.pair_id(JONAS, X_OWNER_ID), "messages": [
        {"reactionCreate": {"senderId": JONAS, "reactionKey": "like"}},
        "not an event",
        build.dm("1700000000000000001", JONAS, "2023-01-01T10:00:00.000Z", "Hi!", X_OWNER_ID),
    ]}}  # fmt: skip
    folder = archive_folder(
        tmp_path,
        {"account.js": ("YTD.account.part0", build._account()),
         "direct-messages.js": ("YTD.direct_messages.part0", [conversation])},
    )  # fmt: skip
    result = read_x_archive(folder)
    assert [(i.person.x_id, i.direction, i.note) for i in result.interactions] == [(JONAS, "them", "Hi!")]
    assert result.skipped == []


def test_my_message_to_a_large_group_is_not_counted_per_member(tmp_path: Path) -> None:
    members = [str(900000 + n) for n in range(12)]
    conversation = {"dmConversation": {"conversationId": "1700000000000000100", "messages": [
        build.dm("1700000000000000101", X_OWNER_ID, "2023-01-01T10:00:00.000Z", "Hello all"),
        {"joinConversation": {"initiatingUserId": members[0], "participantsSnapshot": [X_OWNER_ID, *members]}},
    ]}}  # fmt: skip
    folder = archive_folder(
        tmp_path,
        {"account.js": ("YTD.account.part0", build._account()),
         "direct-messages-group.js": ("YTD.direct_messages_group.part0", [conversation])},
    )  # fmt: skip
    result = read_x_archive(folder)
    assert result.interactions == []
    assert any("groups of more than 10 people" in note for note in result.notes)


# --------------------------------------------------------------------------------------------- tweets
def test_tweet_js_with_bare_objects_is_read(tmp_path: Path) -> None:
    folder = build.x_2019(tmp_path)
    assert (folder / "tweet.js").read_text().startswith("window.YTD.tweet.part0 = [ {")
    [reply] = by_kind(read_x_archive(folder), "comment")
    assert (reply.person.handle, reply.direction, reply.at) == ("jbecker", "me", "2019-02-26T09:12:00+00:00")


def test_tweets_js_with_wrapped_objects_is_read(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    assert [i.person.handle for i in with_id(result, "comment", PRIYA)] == ["priya_codes"]


def test_split_tweet_parts_are_all_read(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    assert with_id(result, "comment", NGOZI)  # this tweet is in tweets-part1.js


def test_replies_are_comments_but_self_replies_are_not(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    comments = by_kind(result, "comment")
    assert not any(i.note == "2/2 and that is it." for i in comments)
    assert not any(i.person.x_id == X_OWNER_ID for i in comments)
    [reply] = with_id(result, "comment", PRIYA)  # a reply that also mentions: one event, not two
    assert reply.direction == "me"


def test_mentions_exclude_the_owner_and_retweets(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    mentioned = {i.person.x_id for i in by_kind(result, "comment")}
    assert mentioned == {PRIYA, JONAS, NGOZI}
    assert SAM not in mentioned  # only in an "RT @" retweet


def test_created_at_is_converted_to_utc(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    [thanks] = with_id(result, "comment", NGOZI)
    assert thanks.at == "2022-10-04T13:00:00+00:00"  # written at 10:00 -0300


def test_html_entities_in_text_are_unescaped(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    [reply] = with_id(result, "comment", PRIYA)
    assert reply.note == "@priya_codes Great talk & slides > everything else"
    assert "Loved your talk & the Q&A" in {i.note for i in with_id(result, "dm", PRIYA)}


def test_likes_are_skipped_and_counted(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2019(tmp_path))
    assert by_kind(result, "like") == []
    assert "3 likes skipped: X archives do not say whose tweet was liked." in result.notes


def test_ids_are_kept_as_exact_strings(tmp_path: Path) -> None:
    big = "1509823746193847296"  # above 2**53: a float would round it
    follows = [{"following": {"accountId": big}}, {"following": {"accountId": int(big) + 1}}]
    result = read_x_archive(archive_folder(tmp_path, {"following.js": ("YTD.following.part0", follows)}))
    assert [i.person.x_id for i in result.interactions] == [big, str(int(big) + 1)]


# ---------------------------------------------------------------------------------- ids and results
def test_source_ids_are_stable_between_an_older_and_a_newer_archive(tmp_path: Path) -> None:
    older = read_x_archive(build.x_2022(tmp_path))
    newer = read_x_archive(build.zip_folder(build.x_2022(tmp_path, newer=True), tmp_path / "twitter-2023.zip"))
    older_ids = {i.source_id for i in older.interactions}
    newer_ids = {i.source_id for i in newer.interactions}
    assert older_ids < newer_ids
    assert len(newer_ids - older_ids) == 3  # a reply to Mei, a message to Priya, following Mei


def test_source_ids_differ_for_different_events(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path, newer=True))
    ids = [i.source_id for i in result.interactions]
    assert len(ids) == len(set(ids))


def test_every_event_uses_a_known_kind_and_direction(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    assert {i.kind for i in result.interactions} == {"comment", "dm", "follow"}
    assert all(i.direction in DIRECTIONS and i.network == "x" and not i.ask for i in result.interactions)


def test_people_are_listed_once_by_account_id(tmp_path: Path) -> None:
    result = read_x_archive(build.x_2022(tmp_path))
    ids = [p.x_id for p in result.people]
    assert sorted(ids) == sorted({PRIYA, JONAS, NGOZI, SAM, X_FOLLOWER_ONLY})
    assert X_OWNER_ID not in ids
    assert MEI not in ids  # mentioned only in the 2019 archive


def test_progress_is_reported_in_records_and_ends_complete(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    read_x_archive(build.x_2022(tmp_path), progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 13)
    assert calls[-1] == (13, 13)


def test_detect_recognises_an_x_archive(tmp_path: Path) -> None:
    assert detect(build.x_2019(tmp_path)) == "x"
    assert detect(build.zip_folder(build.x_2022(tmp_path), tmp_path / "twitter.zip")) == "x"
