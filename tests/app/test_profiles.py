"""Profiles file: non-secret account data only, written atomically, tolerant of damage."""

from __future__ import annotations

import json

import pytest

from merchant_desk.profiles import Profile, ProfileError, ProfileStore


def store(tmp_path) -> ProfileStore:
    return ProfileStore(tmp_path / "config" / "profiles.json")


def test_default_path_is_in_the_config_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("MERCHANT_DESK_HOME", str(tmp_path / "h"))
    assert ProfileStore().path == tmp_path / "h" / "config" / "profiles.json"


def test_add_edit_rename_remove_and_active(tmp_path):
    s = store(tmp_path)
    assert s.list() == [] and s.active() is None
    s.save(Profile("Shop", publishable_key="pk_test_" + "p" * 20, mode="test"))
    s.save(Profile("Other", base_url="https://example.test"))
    assert [p.name for p in s.list()] == ["Shop", "Other"]
    assert s.active().name == "Shop"  # first one when none was switched to
    s.set_active("Other")
    assert s.active().name == "Other"
    s.save(Profile("Renamed", base_url="https://x.test"), old_name="Other")
    assert [p.name for p in s.list()] == ["Shop", "Renamed"]
    assert s.active().name == "Renamed"  # the rename follows the active marker
    with pytest.raises(ProfileError):
        s.save(Profile("Shop"), old_name="Renamed")  # would clobber an existing one
    assert s.remove("Renamed") is True and s.remove("Renamed") is False
    assert s.active().name == "Shop"
    with pytest.raises(ProfileError):
        s.set_active("nope")


def test_refuses_secret_shaped_values(tmp_path):
    s = store(tmp_path)
    secret = "sk_test_" + "s" * 24
    for bad in (Profile("x", publishable_key=secret), Profile(secret), Profile("y", base_url="https://h/?k=" + secret)):
        with pytest.raises(ProfileError):
            s.save(bad)
    assert not s.path.exists() or secret not in s.path.read_text()


def test_no_secret_field_in_the_file(tmp_path):
    s = store(tmp_path)
    s.save(Profile("Shop", publishable_key="pk_live_" + "p" * 20, mode="live"))
    data = json.loads(s.path.read_text())
    assert set(data["profiles"][0]) == {"name", "publishable_key", "base_url", "mode"}


def test_damaged_file_reads_as_empty(tmp_path):
    s = store(tmp_path)
    s.path.parent.mkdir(parents=True)
    s.path.write_text("{not json")
    assert s.list() == []
    s.save(Profile("Shop"))  # and can be written again
    assert [p.name for p in s.list()] == ["Shop"]
