"""GOST R 34.10-2001/2012 signature verification in pure Python (verification needs no secrets, so
constant time does not matter here; speed does: Jacobian coordinates and Shamir's trick keep one
512-bit verification in the tens of milliseconds).

Byte orders (RFC 4491 section 2.2, RFC 7091, RFC 9215): the public key OCTET STRING holds X then Y,
each little-endian; the signature holds s then r, each big-endian; the digest is read as a
little-endian number before reduction modulo q.
"""

from .curves import Curve


class InvalidKey(ValueError):
    pass


def decode_public_key(curve: Curve, raw: bytes):
    """(x, y) from the 64- or 128-byte key blob; rejects points that are not on the curve."""
    size = curve.size
    if len(raw) != 2 * size:
        raise InvalidKey("public key is %d bytes, expected %d" % (len(raw), 2 * size))
    x = int.from_bytes(raw[:size], "little")
    y = int.from_bytes(raw[size:], "little")
    if not (x < curve.p and y < curve.p and curve.contains(x, y)):
        raise InvalidKey("public key point is not on the curve %s" % curve.name)
    return x, y


def _double(curve, point):
    x, y, z = point
    if not y or not z:
        return (0, 1, 0)
    p = curve.p
    yy = y * y % p
    s = 4 * x * yy % p
    zz = z * z % p
    m = (3 * x * x + curve.a * zz * zz) % p
    x3 = (m * m - 2 * s) % p
    y3 = (m * (s - x3) - 8 * yy * yy) % p
    return (x3, y3, 2 * y * z % p)


def _add(curve, left, right):
    if not left[2]:
        return right
    if not right[2]:
        return left
    p = curve.p
    x1, y1, z1 = left
    x2, y2, z2 = right
    z1z1, z2z2 = z1 * z1 % p, z2 * z2 % p
    u1, u2 = x1 * z2z2 % p, x2 * z1z1 % p
    s1, s2 = y1 * z2 * z2z2 % p, y2 * z1 * z1z1 % p
    h, r = (u2 - u1) % p, (s2 - s1) % p
    if not h:
        return _double(curve, left) if not r else (0, 1, 0)
    hh = h * h % p
    hhh = h * hh % p
    v = u1 * hh % p
    x3 = (r * r - hhh - 2 * v) % p
    y3 = (r * (v - x3) - s1 * hhh) % p
    return (x3, y3, z1 * z2 * h % p)


def _combined_multiply(curve, k1, point1, k2, point2):
    """k1·P1 + k2·P2 with one shared doubling chain (Shamir's trick)."""
    both = _add(curve, point1, point2)
    table = {1: point1, 2: point2, 3: both}
    result = (0, 1, 0)
    for bit in range(max(k1.bit_length(), k2.bit_length()) - 1, -1, -1):
        result = _double(curve, result)
        index = (k1 >> bit & 1) | (k2 >> bit & 1) << 1
        if index:
            result = _add(curve, result, table[index])
    return result


def _affine_x(curve, point):
    x, _, z = point
    return x * pow(z * z % curve.p, -1, curve.p) % curve.p


def verify(curve: Curve, public_key, digest: bytes, signature: bytes) -> bool:
    """True when `signature` (s||r, big-endian) is valid for `digest` (hash output bytes)."""
    size = curve.size
    if len(signature) != 2 * size:
        return False
    s = int.from_bytes(signature[:size], "big")
    r = int.from_bytes(signature[size:], "big")
    q = curve.q
    if not (0 < r < q and 0 < s < q):
        return False
    e = int.from_bytes(digest, "little") % q or 1
    v = pow(e, -1, q)
    z1, z2 = s * v % q, -r * v % q
    generator = (curve.x, curve.y, 1)
    key_point = (public_key[0], public_key[1], 1)
    point = _combined_multiply(curve, z1, generator, z2, key_point)
    if not point[2]:
        return False
    return _affine_x(curve, point) % q == r
