"""Signing in where operators are: OCI Cloud Shell (OCI_CLI_AUTH=instance_obo_user, a CLOUDSHELL
profile with a delegation_token_file) and a session profile whose token expired, in the real terminal
against the local service's instance metadata and federation endpoint."""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization

from .harness import Console
from tui.emulator import RealClock
from tui.emulator.credentials import read_env_file, write_sign_in
from tui.emulator.tokens import write_token_file


def _start(make_emulator, identity, tmp_path, env_of):
    emu = make_emulator("demo", clock=RealClock(speed=1.0))
    files = write_sign_in(tmp_path / "oci", identity, emu.auth, emu.url, config_file=tmp_path / "oci" / "config")
    return emu, files, env_of(files)


def test_cloud_shell_environment_opens_on_the_first_model_row(make_emulator, identity, tmp_path):
    emu, files, env = _start(make_emulator, identity, tmp_path, lambda f: read_env_file(f.cloudshell_env))
    assert env["OCI_CLI_AUTH"] == "instance_obo_user" and env["OCI_CLI_PROFILE"] == "CLOUDSHELL"
    compartment = emu.seed_info.extras["models_compartment_id"]
    console = Console(["--compartment", compartment, "--log-file", str(tmp_path / "console.log")],
                      home=tmp_path / "home", env=env)
    try:
        console.wait_for("support-bot-v1", timeout=60)
        assert "CLOUDSHELL" in console.header()
        assert emu.auth.federations >= 1
        tokens = emu.auth.tokens
        assert any(c["token_kind"] == "delegation" and tokens.used.get(c["jti"]) for c in tokens.issued)
    finally:
        console.close()


def test_expired_session_is_reported_once_and_a_refreshed_token_is_picked_up(make_emulator, identity, tmp_path):
    def session_env(f):
        return {"OCI_CLI_CONFIG_FILE": str(f.config_file), "OCI_CLI_PROFILE": "SESSION",
                "OCI_GENAI_TUI_ENDPOINT_TEMPLATE": emu_holder[0].endpoint_template}

    emu_holder = [make_emulator("demo", clock=RealClock(speed=1.0))]
    emu = emu_holder[0]
    files = write_sign_in(tmp_path / "oci", identity, emu.auth, emu.url, config_file=tmp_path / "oci" / "config")
    key = serialization.load_pem_private_key(files.session_key_file.read_bytes(), None)
    write_token_file(files.session_token_file, emu.auth.session_token(identity.user_id, key.public_key(),
                                                                      lifetime=-60))
    compartment = emu.seed_info.extras["models_compartment_id"]
    console = Console(["--compartment", compartment, "--log-file", str(tmp_path / "console.log")],
                      home=tmp_path / "home", size=(160, 50), env=session_env(files))
    try:
        console.wait_for("oci session refresh --profile SESSION", timeout=60)
        for view in ("2", "3", "1"):  # every view fails the same way: one toast, not one per view
            console.type_burst(view)
            console.wait_quiet(0.5)
        # the one toast stays up 30 s; a second one (per view) would stay up as long
        console.wait_until(lambda: console.screen_text().count("Hint: Run 'oci session") == 1, 10,
                           "exactly one session-expired toast")
        write_token_file(files.session_token_file, emu.auth.session_token(identity.user_id, key.public_key()))
        console.type_burst("r")
        console.wait_for("support-bot-v1", timeout=30)  # the same console, the refreshed token
    finally:
        console.close()


def test_a_key_file_others_can_read_is_warned_about_at_start_up(make_emulator, identity, tmp_path):
    emu = make_emulator("demo", clock=RealClock(speed=1.0))
    key = tmp_path / "open-key.pem"
    key.write_bytes(identity.key_file.read_bytes())
    key.chmod(0o644)
    config = tmp_path / "config"
    config.write_text(identity.config_file.read_text().replace(str(identity.key_file), str(key)))
    console = Console(["--config-file", str(config), "--endpoint-template", emu.endpoint_template,
                       "--compartment", emu.seed_info.extras["models_compartment_id"],
                       "--log-file", str(tmp_path / "console.log")],
                      home=tmp_path / "home", size=(160, 50),
                      env={"OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING": ""})
    try:
        console.wait_for("support-bot-v1", timeout=60)  # a warning, not a refusal
        console.wait_for("are too open", timeout=15)
        console.wait_for("oci setup repair-file-permissions", timeout=5)  # the rest of the toast's frame
    finally:
        console.close()
    assert f"WARNING: Permissions on {key} are too open" in (tmp_path / "console.log").read_text()
