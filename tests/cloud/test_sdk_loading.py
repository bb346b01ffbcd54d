"""Start-up: the SDK loads off the UI thread's path and without the service clients it never uses.

Each check runs in a fresh interpreter (this test process has imported the SDK long ago)."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_main_screen_imports_no_sdk():
    # the SDK loads in the connect worker while Textual paints; an import chain from the main screen
    # (inspect_text -> builders -> oci) once put ~0.3 s of it before the first frame
    assert run("import sys, tui.app, tui.ui.screens.main; print('oci' in sys.modules)") == "False"


def test_dns_and_object_storage_are_deferred_until_used():
    out = run(
        "import sys, tui.cloud.operations, tui.cloud.auth, tui.cloud.clients\n"
        "before = type(sys.modules['oci.dns']).__name__, type(sys.modules['oci.object_storage']).__name__\n"
        "import oci\n"
        "name = oci.object_storage.ObjectStorageClient.__name__  # used: the real module loads\n"
        "print(*before, name, type(sys.modules['oci.object_storage']).__name__)"
    )
    assert out == "_LazyModule _LazyModule ObjectStorageClient module"


def test_api_key_signer_loads_the_operators_key_quickly_and_the_same(identity):
    from cryptography.hazmat.primitives import serialization

    from tui.cloud.auth import ApiKeySigner, load_profile

    profile = load_profile(config_file=str(identity.config_file))
    assert isinstance(profile.signer, ApiKeySigner)
    checked = serialization.load_pem_private_key(identity.key_file.read_bytes(), None)  # with the checks
    assert profile.signer.private_key.private_numbers() == checked.private_numbers()
    assert profile.signer.api_key == identity.key_id


def test_api_key_signer_leaves_refused_keys_to_the_sdk(tmp_path):
    from tui.cloud.auth import ApiKeySigner

    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n")
    try:
        ApiKeySigner("t", "u", "f", str(bad))
    except Exception as exc:  # the SDK's own diagnosis, not ours
        assert type(exc).__module__.startswith(("oci", "cryptography", "builtins")), exc
    else:
        raise AssertionError("a damaged key was accepted")
