"""GOST R 34.10 verification: the RFC 5832/7091 examples and curve sanity."""

import pytest

from signing import gost
from signing.gost.curves import CURVES_BY_OID, Curve

# RFC 7091 section A.1 (and RFC 5832): the 256-bit test curve. Numbers as printed in the RFC.
E_256 = 0x2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5
R_256 = 0x41AA28D2F1AB148280CD9ED56FEDA41974053554A42767B83AD043FD39DC0493
S_256 = 0x01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C40
Q_256 = (0x7F2B49E270DB6D90D8595BEC458B50C58585BA1D4E9B788F6689DBD8E56FD80B,
         0x26F1B489D6701DD185C8413A977B3CBBAF64D1C593D26627DFFB101A87FF77DA)

# RFC 7091 section A.2: the 512-bit test curve.
CURVE_512 = Curve(
    "rfc7091-512-test",
    p=0x4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373,
    q=0x4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF,
    a=7,
    b=0x1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC,
    x=0x24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A,
    y=0x2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E,
)
E_512 = 0x3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C
R_512 = 0x2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36
S_512 = 0x1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A
Q_512 = (0x115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1,
         0x37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC)

TEST_2001 = CURVES_BY_OID["1.2.643.2.2.35.0"]


def _signature(curve, r, s):
    return s.to_bytes(curve.size, "big") + r.to_bytes(curve.size, "big")


def _digest(curve, e):
    """The hash bytes whose little-endian reading is e (the RFCs print e as a number)."""
    return e.to_bytes(curve.size, "little")


def test_rfc7091_256_bit_example_verifies():
    assert gost.verify(TEST_2001, Q_256, _digest(TEST_2001, E_256), _signature(TEST_2001, R_256, S_256))


def test_rfc7091_512_bit_example_verifies():
    assert gost.verify(CURVE_512, Q_512, _digest(CURVE_512, E_512), _signature(CURVE_512, R_512, S_512))


@pytest.mark.parametrize("change", ["digest", "r", "s", "swap"])
def test_rfc7091_example_fails_when_anything_changes(change):
    curve, digest, r, s = TEST_2001, _digest(TEST_2001, E_256), R_256, S_256
    if change == "digest":
        digest = _digest(curve, E_256 + 1)
    elif change == "r":
        r += 1
    elif change == "s":
        s += 1
    else:
        r, s = s, r
    assert not gost.verify(curve, Q_256, digest, _signature(curve, r, s))


def test_out_of_range_and_short_signatures_are_rejected():
    curve = TEST_2001
    assert not gost.verify(curve, Q_256, _digest(curve, E_256), b"\x00" * 64)
    assert not gost.verify(curve, Q_256, _digest(curve, E_256), _signature(curve, R_256, S_256)[:-1])
    assert not gost.verify(curve, Q_256, _digest(curve, E_256), _signature(curve, curve.q, S_256))


@pytest.mark.parametrize("oid, curve", sorted(CURVES_BY_OID.items()))
def test_every_curve_has_its_base_point_on_it(oid, curve):
    assert curve.contains(curve.x, curve.y)


def test_public_key_off_the_curve_is_refused():
    raw = (Q_256[0].to_bytes(32, "little") + (Q_256[1] + 1).to_bytes(32, "little"))
    with pytest.raises(gost.InvalidKey):
        gost.decode_public_key(TEST_2001, raw)


def test_public_key_is_read_little_endian():
    raw = Q_256[0].to_bytes(32, "little") + Q_256[1].to_bytes(32, "little")
    assert gost.decode_public_key(TEST_2001, raw) == Q_256
