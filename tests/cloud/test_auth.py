import oci
import pytest

from tui.cloud.auth import config_file_path, list_profiles, load_profile, profile_from_config
from tui.cloud.clients import CloudSession
from tui.cloud.errors import CloudError

TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancyunit"


def test_default_profile_and_signer(write_config):
    path = write_config()
    p = load_profile(config_file=str(path))
    assert (p.name, p.auth, p.region, p.tenancy_id) == ("DEFAULT", "api_key", "us-chicago-1", TENANCY)
    assert isinstance(p.signer, oci.signer.Signer)
    assert p.signer is p.signer  # built once


def test_profile_inherits_from_default(write_config):
    path = write_config({"DEFAULT": {}, "work": {"region": "iad"}})
    p = load_profile("work", config_file=str(path))
    assert p.region == "iad"
    assert p.config["user"].startswith("ocid1.user")  # inherited
    assert p.config["key_file"] == str(write_config.key_file)
    assert CloudSession(p).default_region.id == "us-ashburn-1"


def test_env_profile_config_file_and_region(write_config, monkeypatch):
    path = write_config({"DEFAULT": {}, "ops": {"region": "us-phoenix-1"}}, name="cli-config")
    monkeypatch.setenv("OCI_CLI_CONFIG_FILE", str(path))
    monkeypatch.setenv("OCI_CLI_PROFILE", "ops")
    p = load_profile()
    assert (p.name, p.region) == ("ops", "us-phoenix-1")
    monkeypatch.setenv("OCI_CLI_REGION", "LHR")
    assert load_profile().region == "LHR"
    assert CloudSession(load_profile()).default_region.id == "uk-london-1"
    # an explicit region beats the environment
    assert load_profile(region="fra").region == "fra"


def test_sdk_env_config_file(write_config, monkeypatch):
    path = write_config(name="sdk-config")
    monkeypatch.setenv("OCI_CONFIG_FILE", str(path))
    assert config_file_path() == path
    assert load_profile().tenancy_id == TENANCY
    # the CLI variable wins over the SDK's
    other = write_config({"DEFAULT": {"region": "ap-osaka-1"}}, name="cli2")
    monkeypatch.setenv("OCI_CLI_CONFIG_FILE", str(other))
    assert load_profile().region == "ap-osaka-1"


def test_list_profiles(write_config, tmp_path):
    path = write_config({"DEFAULT": {}, "b": {}, "a": {}})
    assert list_profiles(str(path)) == ["DEFAULT", "b", "a"]
    assert list_profiles(str(tmp_path / "missing")) == []


def test_missing_file_profile_and_bad_key(write_config, tmp_path):
    with pytest.raises(CloudError) as info:
        load_profile(config_file=str(tmp_path / "nope"))
    assert info.value.code == "ConfigFileNotFound" and "nope" in info.value.message and info.value.hint
    path = write_config({"DEFAULT": {}, "one": {}})
    with pytest.raises(CloudError) as info:
        load_profile("two", config_file=str(path))
    assert info.value.code == "ProfileNotFound" and "one" in info.value.message and "DEFAULT" in info.value.message
    bad_key = tmp_path / "bad.pem"
    bad_key.write_text("-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n")
    path = write_config({"DEFAULT": {"key_file": str(bad_key)}}, name="badkey")
    with pytest.raises(CloudError) as info:
        load_profile(config_file=str(path))
    assert info.value.code == "InvalidPrivateKey" and info.value.hint
    path = write_config({"DEFAULT": {"fingerprint": "zz"}}, name="badfp")
    with pytest.raises(CloudError) as info:
        load_profile(config_file=str(path))
    assert info.value.code == "InvalidConfig" and "fingerprint" in info.value.message
    path = write_config({"DEFAULT": {"key_file": str(tmp_path / "absent.pem")}}, name="nokey")
    with pytest.raises(CloudError) as info:
        load_profile(config_file=str(path))
    assert "absent.pem" in info.value.message


def test_key_content_profile(write_config):
    cfg = {"user": "ocid1.user.oc1..aaaa", "tenancy": TENANCY, "fingerprint": write_config.fingerprint,
           "key_content": write_config.pem, "region": "ord"}
    p = profile_from_config(cfg)
    assert p.auth == "api_key" and isinstance(p.signer, oci.signer.Signer)
    assert CloudSession(p).default_region.id == "us-chicago-1"


def test_session_token_profile(write_config, tmp_path):
    token = tmp_path / "token"
    token.write_text("eyJhbGciOi.fake.token\n")
    path = write_config({"DEFAULT": {}, "sess": {"security_token_file": str(token)}})
    p = load_profile("sess", config_file=str(path))
    assert p.auth == "security_token"
    assert isinstance(p.signer, oci.auth.signers.SecurityTokenSigner)
    assert p.signer.api_key == "ST$eyJhbGciOi.fake.token"
    missing = write_config({"DEFAULT": {}, "sess": {"security_token_file": str(tmp_path / "gone")}}, name="c2")
    with pytest.raises(CloudError) as info:
        load_profile("sess", config_file=str(missing))
    assert "session" in info.value.hint.lower()


def test_principals_choose_the_right_path_without_network(monkeypatch):
    ip = load_profile(auth="instance_principal", region="ord")
    assert ip.auth == "instance_principal" and not ip.signer_built
    assert ip.signer_factory.__name__ == "_instance_principal_signer"
    assert CloudSession(ip).default_region.id == "us-chicago-1"  # no signer needed yet
    assert not ip.signer_built
    monkeypatch.setenv("OCI_RESOURCE_PRINCIPAL_REGION", "us-ashburn-1")
    rp = load_profile(auth="resource_principal")
    assert rp.auth == "resource_principal" and rp.region == "us-ashburn-1" and not rp.signer_built
    assert rp.signer_factory.__name__ == "_resource_principal_signer"
    monkeypatch.setenv("OCI_CLI_AUTH", "instance_principal")
    assert load_profile(region="iad").auth == "instance_principal"
    with pytest.raises(CloudError) as info:
        load_profile(auth="kerberos")
    assert "instance_principal" in info.value.message


def test_resource_principal_failure_is_a_cloud_error(monkeypatch):
    # No resource-principal environment: building the signer fails locally (no network needed).
    for name in ("OCI_RESOURCE_PRINCIPAL_VERSION", "OCI_RESOURCE_PRINCIPAL_RPST", "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"):
        monkeypatch.delenv(name, raising=False)
    rp = load_profile(auth="resource_principal", region="ord")
    with pytest.raises(CloudError) as info:
        rp.signer  # noqa: B018
    assert info.value.operation == "Authenticate(resource_principal)"


def test_unknown_region_in_profile(write_config):
    path = write_config({"DEFAULT": {"region": "us-sanjose-1"}})
    with pytest.raises(CloudError) as info:
        CloudSession(load_profile(config_file=str(path)))
    assert info.value.code == "UnknownRegion" and "us-chicago-1" in info.value.message


def test_open_key_file_gets_the_oci_cli_warning_not_a_refusal(write_config, monkeypatch, caplog):
    from tui.cloud.auth import permission_warning

    path = write_config()
    write_config.key_file.chmod(0o644)
    monkeypatch.delenv("OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING", raising=False)
    with caplog.at_level("WARNING"):
        p = load_profile(config_file=str(path))
    key = str(write_config.key_file)
    expected = (f"WARNING: Permissions on {key} are too open. \n"
                "To fix this please try executing the following command: \n"
                f"oci setup repair-file-permissions --file {key} \n"
                "Alternatively to hide this warning, you may set the environment variable, "
                "OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING: \n"
                "export OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING=True")
    assert p.warnings == [expected] and isinstance(p.signer, oci.signer.Signer)
    assert expected in caplog.text
    write_config.key_file.chmod(0o600)
    assert permission_warning(key) is None and load_profile(config_file=str(path)).warnings == []
    write_config.key_file.chmod(0o640)
    monkeypatch.setenv("OCI_CLI_SUPPRESS_FILE_PERMISSIONS_WARNING", "True")
    assert permission_warning(key) is None


def test_auth_is_chosen_as_the_cli_does(write_config, tmp_path, monkeypatch):
    from tui.cloud.auth import choose_auth

    token = tmp_path / "token"
    token.write_text("eyJhbGciOi.fake.token\n")
    path = write_config({"DEFAULT": {}, "sess": {"security_token_file": str(token)},
                         "shell": {"delegation_token_file": str(token)}})
    assert choose_auth(config_file=str(path)) == ("api_key", "default")
    assert choose_auth(name="sess", config_file=str(path)) == ("security_token", "profile sess has security_token_file")
    monkeypatch.setenv("OCI_CLI_AUTH", "instance_obo_user")
    assert choose_auth(name="sess", config_file=str(path)) == ("instance_obo_user", "env OCI_CLI_AUTH")
    assert choose_auth("api_key", config_file=str(path)) == ("api_key", "argument")
    shell = load_profile("shell", config_file=str(path))  # Cloud Shell: no network until first use
    assert (shell.auth, shell.auth_source, shell.region, shell.signer_built) == (
        "instance_obo_user", "env OCI_CLI_AUTH", "us-chicago-1", False)
    assert shell.tenancy_id == TENANCY  # the user's tenancy, not the instance's
    with pytest.raises(CloudError) as info:
        load_profile("DEFAULT", config_file=str(path))
    assert "delegation_token_file" in info.value.message
    monkeypatch.setenv("OCI_CLI_DELEGATION_TOKEN_FILE", str(token))  # the CLI's override of the profile value
    assert load_profile("DEFAULT", config_file=str(path)).config["delegation_token_file"] == str(token)
