"""python manage.py verify_signature: exit codes, --trusted, --json, and no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from signing.testing import pki

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


@pytest.fixture(scope="module")
def signed(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("command") / "document.sig"
    return pki.sign(world.signers["gost2012_512_C"], world.document, out, certfiles=[world.sub.cert])


def _run(*args):
    return subprocess.run([sys.executable, str(MANAGE), "verify_signature", *map(str, args)],
                          capture_output=True, text=True, cwd=MANAGE.parent)


def test_valid_signature_exits_zero_with_json(world, signed):
    result = _run(world.document, signed, "--trusted", world.root.cert, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["indication"] == "TOTAL_PASSED" and report["subindication"] is None
    assert report["signers"][0]["identity"]["ogrn"] == "1027700132195"


def test_trusted_takes_several_files(world, signed):
    result = _run(world.document, signed, "--trusted", world.rogue.cert, world.root.cert)
    assert result.returncode == 0, result.stdout + result.stderr


def test_untrusted_signature_exits_one(world, signed):
    result = _run(world.document, signed, "--trusted", world.rogue.cert, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["valid"], report["subindication"]) == (False, "NO_CERTIFICATE_CHAIN_FOUND")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("bad", ["missing-file", "garbage"])
def test_bad_input_exits_one_without_a_traceback(world, tmp_path, bad):
    signature = tmp_path / "signature.sig"
    if bad == "garbage":
        signature.write_bytes(b"\x00garbage")
    result = _run(world.document, signature, "--trusted", world.root.cert)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "FORMAT_FAILURE" in result.stdout


def test_unreadable_trust_file_exits_one_without_a_traceback(world, signed, tmp_path):
    result = _run(world.document, signed, "--trusted", tmp_path / "absent.pem")
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_call_command_prints_the_human_report(world, signed, capsys):
    call_command("verify_signature", str(world.document), str(signed), "--trusted", str(world.root.cert))
    output = capsys.readouterr().out
    assert output.startswith("Подпись верна: Иванов И. И.")
    assert "[passed] signature_value" in output


def test_call_command_raises_command_error_when_invalid(world, signed):
    with pytest.raises(CommandError) as error:
        call_command("verify_signature", str(world.document), str(signed), "--trusted", str(world.rogue.cert))
    assert error.value.returncode == 1


def _lean(*args):
    return subprocess.run([sys.executable, "-m", "signing.cms", *map(str, args)],
                          capture_output=True, text=True, cwd=MANAGE.parent)


def test_lean_entry_point_verifies_without_django(world, signed):
    result = _lean(world.document, signed, "--trusted", world.root.cert, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True
    probe = subprocess.run([sys.executable, "-c", "import sys, signing.cms.cli, signing.cms.verifier; "
                            "print(any(name.startswith('django') for name in sys.modules))"],
                           capture_output=True, text=True, cwd=MANAGE.parent)
    assert probe.stdout.strip() == "False"


@pytest.fixture(scope="module")
def attached(world, tmp_path_factory):
    out = tmp_path_factory.mktemp("command") / "attached.sig"
    return pki.sign(world.signers["gost2012_256_TCA"], world.document, out, detached=False,
                    certfiles=[world.sub.cert])


@pytest.mark.parametrize("runner", [_run, _lean], ids=["manage", "lean"])
def test_attached_signature_needs_no_document(world, attached, runner):
    result = runner(attached, "--trusted", world.root.cert)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Подпись верна")


def test_lean_entry_point_refuses_three_files_and_a_bad_time(world, signed):
    assert _lean(world.document, signed, signed, "--trusted", world.root.cert).returncode == 2
    result = _lean(world.document, signed, "--trusted", world.root.cert, "--at", "вчера")
    assert result.returncode == 2 and "Traceback" not in result.stderr
