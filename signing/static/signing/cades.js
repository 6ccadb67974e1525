// window.PortalSigning: a small promise-based wrapper over the CryptoPro EDS Browser plug-in's async API.
//
// CryptoPro's cadesplugin_api.js defines window.cadesplugin: a promise that settles once the plug-in
// has loaded (or failed to), carrying CreateObjectAsync() and the CAPICOM/CADESCOM constants. Every
// plug-in object is a proxy: property reads and method calls return promises, and a property is set
// with propset_Name(value). Nothing here needs the plug-in's generator helper (async_spawn).
(function () {
  "use strict";
  if (window.PortalSigning) return;

  // Constants of CAPICOM / CAdESCOM (the same numbers cadesplugin_api.js exposes).
  var CAPICOM_CURRENT_USER_STORE = 2;
  var CAPICOM_MY_STORE = "My";
  var CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED = 2;
  var CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN = 1;
  var CAPICOM_AUTHENTICATED_ATTRIBUTE_SIGNING_TIME = 0;
  var CADESCOM_CADES_BES = 1;
  var CADESCOM_BASE64_TO_BINARY = 1;
  var HASH = {
    GOST_3411: 100,
    GOST_3411_2012_256: 101,
    GOST_3411_2012_512: 102,
    SHA_256: 4
  };
  // The hash SignHash needs must match the key: GOST R 34.10-2012 256/512, 2001, else SHA-256.
  var HASH_FOR_KEY = {
    "1.2.643.7.1.1.1.1": HASH.GOST_3411_2012_256,
    "1.2.643.7.1.1.1.2": HASH.GOST_3411_2012_512,
    "1.2.643.2.2.19": HASH.GOST_3411
  };
  var HASH_CHUNK_BYTES = 1024 * 1024;

  var certificatesByThumbprint = {};
  var certificateListPromise = null;

  // Waits for the plug-in to load. It resolves to nothing: cadesplugin itself is a thenable, and a
  // promise resolved with a thenable would wait on it again instead of handing it over.
  function ready() {
    var api = window.cadesplugin;
    if (!api) return Promise.reject(new Error("cadesplugin is not defined"));
    return Promise.resolve(api).then(function () { return undefined; });
  }

  function withTimeout(promise, milliseconds) {
    return new Promise(function (resolve, reject) {
      var timer = setTimeout(function () { reject(new Error("timeout")); }, milliseconds);
      promise.then(function (value) { clearTimeout(timer); resolve(value); },
                   function (error) { clearTimeout(timer); reject(error); });
    });
  }

  function create(name) {
    return ready().then(function () { return window.cadesplugin.CreateObjectAsync(name); });
  }

  function versionText(version) {
    // A CAdESCOM.Version object, or a string from older plug-ins.
    if (!version) return "";
    if (typeof version === "string") return version;
    return Promise.resolve(version.toString()).then(String);
  }

  async function readCertificate(certificate) {
    var publicKey = await certificate.PublicKey();
    var algorithm = await publicKey.Algorithm;
    var info = {
      thumbprint: String(await certificate.Thumbprint).toUpperCase(),
      subject: String(await certificate.SubjectName),
      issuer: String(await certificate.IssuerName),
      serial: String(await certificate.SerialNumber),
      validFrom: new Date(await certificate.ValidFromDate),
      validTo: new Date(await certificate.ValidToDate),
      keyAlgorithm: String(await algorithm.Value)
    };
    info.owner = nameField(info.subject, "CN") || info.subject;
    info.issuerName = nameField(info.issuer, "CN") || info.issuer;
    info.organization = nameField(info.subject, "O");
    return info;
  }

  function nameField(distinguishedName, key) {
    // "CN=Иванов И. И., O=ООО «Ромашка», ..." -> the value of one attribute (quotes removed).
    var match = new RegExp("(?:^|,\\s*)" + key + "=(\"(?:[^\"]|\"\")*\"|[^,]*)").exec(distinguishedName || "");
    if (!match) return "";
    var value = match[1].trim();
    if (value.charAt(0) === '"') value = value.slice(1, -1).replace(/""/g, '"');
    return value;
  }

  async function loadCertificates() {
    var store = await create("CAdESCOM.Store");
    await store.Open(CAPICOM_CURRENT_USER_STORE, CAPICOM_MY_STORE, CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED);
    try {
      var all = await store.Certificates;
      var count = await all.Count;
      var now = new Date();
      var usable = [];
      for (var index = 1; index <= count; index++) {  // CAPICOM collections count from 1
        var certificate = await all.Item(index);
        var info;
        try {
          info = await readCertificate(certificate);
          if (info.validFrom > now || info.validTo < now) continue;
          if (!(await certificate.HasPrivateKey())) continue;
        } catch (error) {
          continue;  // a certificate with an algorithm the plug-in cannot read is no signing candidate
        }
        certificatesByThumbprint[info.thumbprint] = certificate;
        usable.push(info);
      }
      usable.sort(function (a, b) { return b.validTo - a.validTo; });
      return usable;
    } finally {
      await store.Close();
    }
  }

  async function certificateFor(thumbprint) {
    var key = String(thumbprint || "").toUpperCase();
    if (!certificatesByThumbprint[key]) await PortalSigning.listCertificates();
    var certificate = certificatesByThumbprint[key];
    if (!certificate) throw new Error("certificate " + key + " not found");
    return certificate;
  }

  async function signer(thumbprint) {
    var certificate = await certificateFor(thumbprint);
    var result = await create("CAdESCOM.CPSigner");
    await result.propset_Certificate(certificate);
    await result.propset_Options(CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN);
    // CryptoPro's own samples add signingTime explicitly; the portal checks certificates at that time.
    var attribute = await create("CADESCOM.CPAttribute");
    await attribute.propset_Name(CAPICOM_AUTHENTICATED_ATTRIBUTE_SIGNING_TIME);
    await attribute.propset_Value(new Date());
    var attributes = await result.AuthenticatedAttributes2;
    await attributes.Add(attribute);
    return result;
  }

  async function hashAlgorithmFor(thumbprint) {
    var certificate = await certificateFor(thumbprint);
    var algorithm = await (await certificate.PublicKey()).Algorithm;
    return HASH_FOR_KEY[String(await algorithm.Value)] || HASH.SHA_256;
  }

  function bytesToBase64(bytes) {
    var parts = [];
    for (var start = 0; start < bytes.length; start += 0x8000) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000)));
    }
    return btoa(parts.join(""));
  }

  function blobBytes(blob) {
    return blob.arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  var PortalSigning = {
    // Above this size the document's hash is signed instead of its content (the plug-in's messages
    // carry base64 text, and tens of megabytes of it are slow or refused).
    hashThresholdBytes: 10 * 1024 * 1024,
    loadTimeoutMs: 20000,
    HASH: HASH,

    // true when the plug-in answers, false when it is absent, off or does not load in time.
    available: function () {
      if (!window.cadesplugin) return Promise.resolve(false);
      return withTimeout(ready(), PortalSigning.loadTimeoutMs).then(function () {
        return typeof window.cadesplugin.CreateObjectAsync === "function";
      }, function () { return false; });
    },

    // {pluginVersion, version, cspVersion, cspName}; fields the plug-in cannot tell are "".
    aboutPlugin: async function () {
      var about = await create("CAdESCOM.About");
      var result = {pluginVersion: "", version: "", cspVersion: "", cspName: ""};
      try { result.pluginVersion = await versionText(await about.PluginVersion); } catch (e) { /* old plug-in */ }
      try { result.version = String(await about.Version); } catch (e) { /* not told */ }
      // Provider type 80 is GOST R 34.10-2012 (256), 75 the older GOST R 34.10-2001 provider.
      for (var providerType of [80, 75]) {
        try {
          result.cspVersion = await versionText(await about.CSPVersion("", providerType));
          try { result.cspName = String(await about.CSPName(providerType)); } catch (e) { /* not told */ }
          break;
        } catch (e) { /* no provider of this type */ }
      }
      return result;
    },

    // Certificates valid now and having a private key, newest first:
    // [{thumbprint, owner, organization, subject, issuer, issuerName, serial, validFrom, validTo, keyAlgorithm}]
    listCertificates: function () {
      if (!certificateListPromise) {
        certificateListPromise = loadCertificates().catch(function (error) {
          certificateListPromise = null;  // let a later call try again (token inserted meanwhile)
          throw error;
        });
      }
      return certificateListPromise;
    },

    // A detached CAdES-BES signature (base64) of the bytes given as base64.
    signBase64: async function (base64Content, thumbprint) {
      var cadesSigner = await signer(thumbprint);
      var signedData = await create("CAdESCOM.CadesSignedData");
      await signedData.propset_ContentEncoding(CADESCOM_BASE64_TO_BINARY);
      await signedData.propset_Content(base64Content);
      return String(await signedData.SignCades(cadesSigner, CADESCOM_CADES_BES, true));
    },

    // A detached CAdES-BES signature of a hash computed elsewhere (hex), for the given hash algorithm.
    signHashHex: async function (hashHex, algorithm, thumbprint) {
      var hashed = await create("CAdESCOM.HashedData");
      await hashed.propset_Algorithm(algorithm);
      await hashed.SetHashValue(hashHex);
      return signHashed(hashed, thumbprint);
    },

    // Sign a Blob: its content when small, else its hash computed by the plug-in in chunks.
    // onProgress(fraction) is called while hashing.
    signBlob: async function (blob, thumbprint, onProgress) {
      if (blob.size <= PortalSigning.hashThresholdBytes) {
        return PortalSigning.signBase64(bytesToBase64(await blobBytes(blob)), thumbprint);
      }
      var hashed = await create("CAdESCOM.HashedData");
      await hashed.propset_Algorithm(await hashAlgorithmFor(thumbprint));
      await hashed.propset_DataEncoding(CADESCOM_BASE64_TO_BINARY);
      for (var start = 0; start < blob.size; start += HASH_CHUNK_BYTES) {
        var chunk = await blobBytes(blob.slice(start, start + HASH_CHUNK_BYTES));
        await hashed.Hash(bytesToBase64(chunk));  // repeated calls hash the data piece by piece
        if (onProgress) onProgress(Math.min(1, (start + HASH_CHUNK_BYTES) / blob.size));
      }
      return signHashed(hashed, thumbprint);
    },

    hashAlgorithmFor: hashAlgorithmFor,
    bytesToBase64: bytesToBase64,
    nameField: nameField,

    // A message for people from a plug-in error (its own text when it has one).
    errorMessage: function (error) {
      var api = window.cadesplugin;
      try {
        if (api && typeof api.getLastError === "function") return String(api.getLastError(error));
      } catch (e) { /* fall through */ }
      return String((error && error.message) || error);
    }
  };

  async function signHashed(hashed, thumbprint) {
    var cadesSigner = await signer(thumbprint);
    var signedData = await create("CAdESCOM.CadesSignedData");
    return String(await signedData.SignHash(hashed, cadesSigner, CADESCOM_CADES_BES));
  }

  window.PortalSigning = PortalSigning;
})();
