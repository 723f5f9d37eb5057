"""Profiles file: non-secret account data only, written atomically, tolerant of damage."""

from __future__ import annotations

import base64
import json
import secrets

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


def _sandbox_shaped_keys(count: int) -> list[str]:
    # The sandbox issues "sk_test_" + URL-safe base64; about one in nine has "-" or "_" in its first four.
    keys = ["sk_test_" + secrets.token_urlsafe(24) for _ in range(count)]
    keys += ["sk_test_" + lead + secrets.token_urlsafe(24) for lead in "-_+/"]
    keys += ["sk_live_+" + secrets.token_urlsafe(20), "rk_live_/" + secrets.token_hex(16), "whsec_-" + "a" * 31]
    return keys


def test_refuses_every_key_shape_in_every_field(tmp_path):
    profiles = ProfileStore(tmp_path / "profiles.json")
    keys = _sandbox_shaped_keys(2000)
    # The shapes the old guard let through ("-" or "_" among the first four characters) are well represented.
    assert sum(any(c in "-_" for c in k[8:12]) for k in keys[:2000]) > 150
    for key in keys:
        credential = base64.b64encode((key + ":").encode()).decode()
        for profile in (Profile(key), Profile(f"Shop {key}"), Profile("p", publishable_key=key),
                        Profile("p", base_url=f"https://h/?k={key}"), Profile(credential),
                        Profile("p", base_url=f"https://h/?auth={credential}")):
            with pytest.raises(ProfileError):
                profiles.save(profile)
    assert not profiles.path.exists()


def test_publishable_keys_and_plain_names_are_kept(tmp_path):
    profiles = ProfileStore(tmp_path / "profiles.json")
    profiles.save(Profile("Main shop - HK", publishable_key="pk_test_" + secrets.token_urlsafe(24)))
    assert [p.name for p in profiles.list()] == ["Main shop - HK"]
