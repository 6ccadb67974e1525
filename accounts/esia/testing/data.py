"""The person and the two organisations the stand-in ESIA serves (numbers with valid check digits)."""

from accounts import sample_numbers

PERSON_OID = "1000299353"
ORG_OIDS = ("1000474457", "1000474458")

PERSON = {
    "firstName": "Иван", "lastName": "Петров", "middleName": "Сергеевич", "birthDate": "15.03.1985",
    "gender": "M", "snils": "112-233-445 95", "inn": sample_numbers.inn_person("5001234567"), "trusted": True,
    "status": "REGISTERED", "verifying": False,
}
CONTACTS = [
    {"type": "EML", "value": "petrov@example.ru", "vrfStu": "VERIFIED"},
    {"type": "MBT", "value": "+7(912)3456789", "vrfStu": "VERIFIED"},
]
DOCUMENTS = [{"type": "RF_PASSPORT", "series": "4510", "number": "123456", "issueDate": "20.04.2005",
              "issuedBy": "ОВД района Марьино г. Москвы", "issueId": "772-001", "vrfStu": "VERIFIED"}]
ADDRESSES = [{"type": "PRG", "addressStr": "г. Москва, ул. Тверская, д. 7, кв. 12"}]
ORGANISATIONS = {
    ORG_OIDS[0]: {
        "oid": ORG_OIDS[0], "fullName": "Общество с ограниченной ответственностью «Водоканал-Сервис»",
        "shortName": "ООО «Водоканал-Сервис»", "ogrn": sample_numbers.ogrn("102770013219"),
        "inn": sample_numbers.inn_legal("770708389"), "kpp": "770701001", "type": "LEGAL",
        "addrs": [{"type": "OLG", "addressStr": "г. Москва, ул. Садовая, д. 5"},
                  {"type": "OPS", "addressStr": "125009, г. Москва, а/я 15"}],
        "ctts": [{"type": "OPH", "value": "+7(495)1234567", "vrfStu": "VERIFIED"},
                 {"type": "OEM", "value": "office@vodokanal-service.ru", "vrfStu": "VERIFIED"}],
        "chief": True, "position": "Генеральный директор",
    },
    ORG_OIDS[1]: {
        "oid": ORG_OIDS[1], "fullName": "Акционерное общество «Теплосеть»", "shortName": "АО «Теплосеть»",
        "ogrn": sample_numbers.ogrn("102500012345"), "inn": sample_numbers.inn_legal("500100732"),
        "kpp": "500101001", "type": "LEGAL",
        "addrs": [{"type": "OLG", "addressStr": "Московская обл., г. Химки, ул. Мира, д. 2"}],
        "ctts": [], "chief": False, "position": "Специалист",
    },
}
