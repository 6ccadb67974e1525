"""The report's Russian wording, in one place: check messages, failure reasons and display labels.

Code elsewhere refers to these by name and fills the {placeholders}; nothing else in signing/ holds
Russian text. Texts are literal rather than gettext because the report is always in Russian.
"""

# Reading the input.
EMPTY_SIGNATURE = "пустая подпись"
BAD_PEM = "повреждённый PEM: {error}"
BAD_BASE64 = "повреждённый base64: {error}"
UNRECOGNISED_SIGNATURE = "подпись не распознана: ни DER, ни PEM, ни base64"
NOT_SIGNED_DATA = "это не подписанные данные CMS (тип содержимого {oid})"
BROKEN_CMS = "структура CMS повреждена: {error}"
UNPARSED_SIGNATURE = "подпись не разобрана: {error}"
INTERNAL_ERROR = "подпись не удалось разобрать (внутренняя ошибка проверки)"
NO_SIGNERS = "в подписи нет ни одного подписанта"
TOO_MUCH_WORK = ("в файле слишком много подписантов, меток времени, сертификатов, списков отзыва или атрибутов: "
                 "столько портал в одном файле не проверяет")
DOCUMENT_MISSING = "подпись отсоединённая, а документ не передан"
DOCUMENT_UNREADABLE = "документ не прочитан: {error}"
SIGNATURE_FILE_UNREADABLE = "файл подписи не прочитан: {error}"
TRAILING_GARBAGE = "после подписи {count} лишних байт, это не пробелы и не нули"
TRAILING_PADDING = "после подписи {count} байт пробелов или нулей (пропущены)"
BAD_ATTRIBUTE = "атрибут не разобран: {error}"
UNSIGNED_ATTRIBUTE_UNUSED = "неподписанный атрибут {name} не проверяется"

# Keys, certificates, CRLs.
BAD_PUBLIC_KEY = "открытый ключ не разобран: {error}"
GOST_KEY_WITHOUT_PARAMETERS = "у ключа ГОСТ нет параметров (набора параметров кривой)"
BAD_GOST_KEY_PARAMETERS = "параметры ключа ГОСТ не разобраны: {error}"
BAD_GOST_KEY = "открытый ключ ГОСТ не разобран: {error}"
GOST_KEY_NOT_ON_CURVE = "открытый ключ ГОСТ не лежит на кривой: {error}"
UNKNOWN_KEY_ALGORITHM = "неизвестный алгоритм открытого ключа {oid}"
UNKNOWN_GOST_PARAMETER_SET = "неизвестный набор параметров ГОСТ {oid}"
GOST_SIZE_MISMATCH = "размер ключа ГОСТ не соответствует алгоритму хэширования"
UNSUPPORTED_KEY = "открытый ключ не поддерживается: {error}"
BAD_PSS_PARAMETERS = "параметры RSA-PSS не разобраны: {error}"
PSS_DIGEST_MISMATCH = "параметры RSA-PSS не согласованы с алгоритмом хэширования"
DIGEST_NOT_FOR_ALGORITHM = "алгоритм хэширования {digest} не применяется с {family}"
ALGORITHM_NOT_FOR_KEY = "алгоритм подписи {family} не подходит к ключу {key}"
BAD_CERTIFICATE = "сертификат не разобран: {error}"
BAD_CRL = "список отзыва не разобран: {error}"
UNKNOWN_CERTIFICATE_SIGNATURE_ALGORITHM = "неизвестный алгоритм подписи сертификата {oid}"
UNSUPPORTED_CERTIFICATE_DIGEST = "алгоритм хэширования подписи сертификата не поддерживается"
UNPARSED_NAME = "(имя не разобрано)"

# Algorithms of the signer info.
UNKNOWN_DIGEST_ALGORITHM = "неизвестный алгоритм хэширования {oid}: подпись не проверена"
UNKNOWN_SIGNATURE_ALGORITHM = "неизвестный алгоритм подписи {oid}: подпись не проверена"
ALGORITHMS_DISAGREE = "алгоритм подписи {oid} не согласуется с алгоритмом хэширования {digest}"

# Signed attributes.
NO_CONTENT_TYPE = "нет атрибута contentType"
CONTENT_TYPE_MISMATCH = "атрибут contentType не совпадает с типом содержимого"
CONTENT_TYPE_OK = "тип содержимого совпадает"
NO_MESSAGE_DIGEST = "нет атрибута messageDigest"
DOCUMENT_CHANGED = "документ изменён: хэш документа не совпадает с подписанным"
MESSAGE_DIGEST_OK = "хэш документа совпадает с подписанным"
NO_SIGNED_ATTRIBUTES = "подписанных атрибутов нет: подписан сам документ"
SEVERAL_SIGNING_TIMES = "несколько атрибутов signingTime"
NO_SIGNING_TIME = "время подписи не указано; сертификаты проверяются на момент проверки"
COUNTERSIGNATURE_DIGEST_OK = "хэш заверяемой подписи совпадает с подписанным"
COUNTERSIGNATURE_DIGEST_WRONG = "хэш заверяемой подписи не совпадает с подписанным"
COUNTERSIGNATURE_CONTENT_TYPE = "в заверяющей подписи не должно быть атрибута contentType"
SIGNING_TIME_IN_FUTURE = "время подписи в будущем"
SIGNING_TIME_OK = "время подписи: {moment}"
BROKEN_SIGNING_CERTIFICATE = "атрибут signingCertificate повреждён"
NO_SIGNING_CERTIFICATE_ATTRIBUTE = "атрибута signingCertificateV2 нет"
UNKNOWN_CERTIFICATE_HASH = "неизвестный алгоритм хэша сертификата {name}"
OTHER_SIGNING_CERTIFICATE = "атрибут signingCertificateV2 указывает на другой сертификат"
SIGNING_CERTIFICATE_OK = "сертификат подписанта совпадает с указанным в подписи"

# Signature value and certificate path.
SIGNER_CERTIFICATE_NOT_FOUND = "сертификат подписанта не найден"
SIGNATURE_WRONG = "значение подписи неверно"
SIGNATURE_OK = "значение подписи верно"
CERTIFICATE_SIGNATURE_WRONG = "подпись сертификата «{subject}» неверна"
NO_CHAIN = "нет цепочки до доверенного корневого сертификата"
CHAIN_OK = "цепочка до доверенного сертификата построена"
SIGNER_CERTIFICATE = "сертификат подписанта"
CA_CERTIFICATE = "сертификат УЦ «{subject}»"
NOT_YET_VALID = "{who} ещё не действовал {moment} (действует с {day})"
EXPIRED = "{who} не действовал {moment}: срок действия истёк {day}"
VALIDITY_OK = "сертификаты действовали {moment}"
# The reference time of the checks (ETSI EN 319 102-1: the best proof of existence available).
MOMENT_SIGNING_TIME = "на время подписи, указанное подписантом ({moment})"
MOMENT_TIMESTAMP = "на время штампа времени ({moment})"
MOMENT_VALIDATION = "на момент проверки ({moment})"
NOT_FOR_SIGNING = "сертификат подписанта не предназначен для подписи (keyUsage)"
NOT_A_CA = "{who} не является сертификатом УЦ (basicConstraints)"
CANNOT_SIGN_CERTIFICATES = "{who} не разрешает подписывать сертификаты (keyUsage)"
PATH_TOO_LONG = "{who}: превышена длина цепочки (pathLenConstraint)"
CONSTRAINTS_OK = "ограничения сертификатов соблюдены"
UNKNOWN_CRITICAL_EXTENSION = "{who}: критическое расширение не поддерживается ({oids})"
NAME_CONSTRAINTS_VIOLATED = "{who}: имя «{name}» запрещено ограничениями имён (nameConstraints) УЦ «{ca}»"
BAD_NAME_CONSTRAINTS = "ограничения имён (nameConstraints) не разобраны: {error}"
ARCHIVE_OK = "архивный штамп времени верен: {moment}, TSA «{tsa}»"
ARCHIVE_BROKEN = "архивный штамп времени не принят: {error}"
ARCHIVE_NO_HASH_INDEX = "в штампе нет атрибута ats-hash-index-v3 (ETSI EN 319 122-1, 5.5.2)"
ARCHIVE_BAD_HASH_INDEX = "атрибут ats-hash-index-v3 не разобран: {error}"
ARCHIVE_INDEX_MISMATCH = "ats-hash-index-v3 называет сертификат, CRL или атрибут, которого нет в подписи"
ARCHIVE_IMPRINT_WRONG = "хеш в штампе не совпадает с архивируемыми данными (подпись изменена после штампа)"
ARCHIVE_OLD_NOT_CHECKED = "архивный штамп времени старого формата (ETSI TS 101 733, v1/v2) не проверен"
PATH_RULES_OK = "путь сертификации соответствует RFC 5280 (политики, ограничения имён, критические расширения)"
RFC5280_POLICY = ("политики сертификатов пути не соблюдены (RFC 5280, 6.1: policyConstraints, policyMappings, "
                  "inhibitAnyPolicy): {details}")
RFC5280_NAMES = "имя сертификата запрещено ограничениями имён УЦ (RFC 5280, 4.2.1.10): {details}"
RFC5280_CRITICAL = "сертификат УЦ содержит неподдерживаемое критическое расширение (RFC 5280, 4.2): {details}"
RFC5280_VALIDITY = "сертификат пути недействителен на время проверки (RFC 5280, 6.1.3): {details}"
RFC5280_BAD_EXTENSION = "расширение {oid} сертификата пути не разобрано (RFC 5280, 6.1 не проверить)"
RFC5280_OTHER = "путь сертификации не проходит проверку RFC 5280, 6.1: {details}"
REVOKED = "{who} отозван {day}"
NO_CRL = "нет списка отзыва (CRL) издателя «{issuers}»"
NOT_REVOKED = "сертификаты не отозваны (по спискам отзыва и OCSP)"
REVOKED_OCSP = "{who} отозван {day} (по ответу OCSP)"
OCSP_ANSWER = "ответ OCSP {url} получен {moment}"
OCSP_EMBEDDED = "ответ OCSP из подписи, выдан {moment}"
REVOCATION_NOT_CHECKED = "отзыв не проверен: {reason}"
SELF_SIGNED_NOT_CHECKED = "сертификат подписанта самоподписанный, списка отзыва для него нет"
NO_FRESH_REVOCATION = "нет актуальных сведений об отзыве ({details}); повторите проверку позже"
CRL_ISSUER_CANNOT_SIGN_CRLS = "издатель списка отзыва «{issuer}» не вправе подписывать списки отзыва (keyUsage)"
STALE_CRL = "список отзыва (CRL) устарел, отзыв после его выпуска не проверен: {issuers}"
STALE_CRL_ISSUER = "{issuer} (следующий выпуск ожидался {day})"

# Signature timestamps (CAdES-T, RFC 3161).
TIMESTAMP_OK = "штамп времени {moment} от «{tsa}» верен"
TIMESTAMP_BROKEN = "штамп времени не разобран: {error}"
TIMESTAMP_IMPRINT_WRONG = "штамп времени выдан на другую подпись (messageImprint не совпадает)"
TIMESTAMP_SIGNATURE_WRONG = "подпись штампа времени неверна: {reason}"
TIMESTAMP_TSA_UNTRUSTED = "служба штампов времени «{tsa}» не доверенная: {reason}"
TIMESTAMP_NOT_TSA = "сертификат «{tsa}» не предназначен для штампов времени (extendedKeyUsage timeStamping)"
TIMESTAMP_BEFORE_SIGNING_TIME = "штамп времени {moment} раньше времени подписи"
SEVERAL_TIMESTAMPS = "штампов времени несколько; учтён самый ранний верный"

# Display names.
DIGEST_TITLES = {
    "streebog256": "ГОСТ Р 34.11-2012 (256)",
    "streebog512": "ГОСТ Р 34.11-2012 (512)",
    "gostr3411_94": "ГОСТ Р 34.11-94",
    "sha1": "SHA-1", "sha224": "SHA-224", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512",
    "sha3_224": "SHA3-224", "sha3_256": "SHA3-256", "sha3_384": "SHA3-384", "sha3_512": "SHA3-512",
}
ALGORITHM_TITLES = {
    "gost2001": "ГОСТ Р 34.10-2001",
    "gost2012_256": "ГОСТ Р 34.10-2012 (256)",
    "gost2012_512": "ГОСТ Р 34.10-2012 (512)",
    "rsa": "RSA PKCS#1 v1.5",
    "rsa_pss": "RSA-PSS",
    "ecdsa": "ECDSA",
}
# Labels of name attributes, as CryptoPro shows them.
NAME_LABELS = {
    "2.5.4.3": "CN", "2.5.4.4": "SN", "2.5.4.42": "G", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.12": "T",
    "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "S", "2.5.4.9": "STREET", "1.2.840.113549.1.9.1": "E",
    "1.2.643.3.131.1.1": "ИНН", "1.2.643.100.4": "ИНН ЮЛ", "1.2.643.100.1": "ОГРН",
    "1.2.643.100.5": "ОГРНИП", "1.2.643.100.3": "СНИЛС",
}

# Certificate policy OID -> the protection class it certifies (qualified certificates).
QUALIFIED_CLASS_NAMES = {
    "1.2.643.100.113.1": "КС1",
    "1.2.643.100.113.2": "КС2",
    "1.2.643.100.113.3": "КС3",
    "1.2.643.100.113.4": "КВ1",
    "1.2.643.100.113.5": "КВ2",
    "1.2.643.100.113.6": "КА1",
}

# The signer-match rule (signing.services).
INNLE_LABEL = "ИНН ЮЛ"
INN_LABEL = "ИНН"
OGRN_LABEL = "ОГРН"
OGRNIP_LABEL = "ОГРНИП"
SNILS_LABEL = "СНИЛС"
SIGNER_UNKNOWN = "подписант не определён"
NOTHING_TO_COMPARE = "в сертификате нет реквизитов, по которым можно сверить подписанта"
NUMBER_MISMATCH = "{label} в сертификате ({actual}) не совпадает с {label} заявителя ({wanted})"
SIGNER_MATCHES = "подписант совпадает с заявителем ({labels})"
NO_SIGNERS_TO_MATCH = "подписантов нет"

# The command line.
TRUST_STORE_UNREADABLE = "хранилище доверенных сертификатов не загружено: {error}"
BAD_VALIDATION_TIME = "неверное время --at: {value}"
SIGNER_HEADING = "Подписант {number}: {indication}, {algorithm}"
COUNTERSIGNER_HEADING = "  Заверяющая подпись: {indication} {reason}"
