"""A stand-in for the CryptoPro CAdES Browser plug-in, shared by the browser tests.

It implements just the async API signing/static/signing/cades.js uses. Its SignCades / SignHash hand
the exact bytes the page signs to Python (page.expose_function("__standInSign", ...)), where OpenSSL's
GOST engine makes a real detached CAdES-BES signature that the portal then verifies.
"""

import hashlib

from signing.cms.certs import load_certificate
from signing.testing import pki

PLUGIN_VERSION = "2.0.15400"
CSP_VERSION = "5.0.13000"

STAND_IN = r"""
(() => {
  const config = %(config)s;
  const log = window.__standInLog = {algorithms: [], signed: 0};
  const done = (value) => Promise.resolve(value);
  const version = (text) => {
    const [major, minor, build] = text.split(".").map(Number);
    return {MajorVersion: done(major), MinorVersion: done(minor), BuildVersion: done(build),
            toString: () => done(text)};
  };
  const certificate = (c) => ({
    SubjectName: done(c.subject), IssuerName: done(c.issuer), Thumbprint: done(c.thumbprint),
    SerialNumber: done(c.serial), ValidFromDate: done(c.validFrom), ValidToDate: done(c.validTo),
    HasPrivateKey: () => done(c.hasKey),
    PublicKey: () => done({Algorithm: done({Value: done(c.keyOid)})}),
  });
  const certificates = config.certificates.map(certificate);
  const sign = (chunks) => { log.signed += 1; return window.__standInSign(chunks); };
  const factories = {
    "cadescom.store": () => ({
      Open: () => done(), Close: () => done(),
      Certificates: done({Count: done(certificates.length), Item: (i) => done(certificates[i - 1])}),
    }),
    "cadescom.about": () => ({
      PluginVersion: done(version(config.pluginVersion)), Version: done(config.pluginVersion),
      CSPVersion: (name, type) => type === 80 ? done(version(config.cspVersion)) : Promise.reject(new Error("no CSP")),
      CSPName: () => done("Crypto-Pro GOST R 34.10-2012 Cryptographic Service Provider"),
    }),
    "cadescom.cpsigner": () => ({
      propset_Certificate: () => done(), propset_Options: () => done(),
      AuthenticatedAttributes2: done({Add: () => done()}),
    }),
    "cadescom.cpattribute": () => ({propset_Name: () => done(), propset_Value: () => done()}),
    "cadescom.hasheddata": () => {
      const hashed = {chunks: [], encoding: 0};
      hashed.propset_Algorithm = (value) => { log.algorithms.push(value); return done(); };
      hashed.propset_DataEncoding = (value) => { hashed.encoding = value; return done(); };
      hashed.Hash = (chunk) => { hashed.chunks.push(chunk); return done(); };
      return hashed;
    },
    "cadescom.cadessigneddata": () => {
      const data = {encoding: 0, content: ""};
      return {
        propset_ContentEncoding: (value) => { data.encoding = value; return done(); },
        propset_Content: (value) => { data.content = value; return done(); },
        SignCades: (signer, type, detached) => (type === 1 && detached === true && data.encoding === 1)
          ? sign([data.content]) : Promise.reject(new Error("not a detached CAdES-BES of binary content")),
        SignHash: (hashed, signer, type) => (type === 1 && hashed.encoding === 1)
          ? sign(hashed.chunks) : Promise.reject(new Error("bad SignHash call")),
      };
    },
  };
  const plugin = Promise.resolve();
  plugin.CreateObjectAsync = (name) => {
    const make = factories[name.toLowerCase()];
    return make ? done(make()) : Promise.reject(new Error("unknown object " + name));
  };
  plugin.getLastError = (error) => String(error && error.message || error);
  window.cadesplugin = plugin;
})();
"""


def certificate_entry(identity, has_key=True):
    info = load_certificate(pki.openssl("x509", "-in", identity.cert, "-outform", "DER").stdout)
    return {
        "subject": info.subject_text, "issuer": info.issuer_text, "serial": info.serial_hex,
        "thumbprint": hashlib.sha1(info.der).hexdigest().upper(), "hasKey": has_key,
        "validFrom": info.not_before.isoformat(), "validTo": info.not_after.isoformat(),
        "keyOid": "1.2.643.7.1.1.1.1",
    }
