"""Which Office 97-2003 file an OLE2 compound file is, read from its directory of streams."""

import struct

# An OLE2 compound file (Word/Excel 97-2003) holds a small FAT file system; the directory names the
# streams: "WordDocument" for Word, "Workbook" (or "Book" before 97) for Excel.
FREE_SECTORS = 0xFFFFFFFA  # ids at or above this are markers (end of chain, free, FAT, DIFAT)
MAX_DIRECTORY_SECTORS = 256


def ole_kind(fileobj):
    try:
        names = _ole_stream_names(fileobj)
    except (struct.error, ValueError, OSError):
        return "ole"
    if "worddocument" in names:
        return "doc"
    if "workbook" in names or "book" in names:
        return "xls"
    return "ole"


def _ole_stream_names(fileobj):
    fileobj.seek(0)
    header = fileobj.read(512)
    sector_size = 1 << struct.unpack_from("<H", header, 30)[0]
    if sector_size not in (512, 4096):
        raise ValueError("unexpected sector size")
    first_directory, = struct.unpack_from("<I", header, 48)
    header_difat = struct.unpack_from("<109I", header, 76)
    first_difat, difat_count = struct.unpack_from("<II", header, 68)
    reader = _OleReader(fileobj, sector_size, header_difat, first_difat, difat_count)
    names, sector = set(), first_directory
    for _step in range(MAX_DIRECTORY_SECTORS):
        if sector >= FREE_SECTORS:
            break
        block = reader.sector(sector)
        for start in range(0, sector_size, 128):
            name_length, = struct.unpack_from("<H", block, start + 64)
            if 2 <= name_length <= 64:
                names.add(block[start:start + name_length - 2].decode("utf-16-le", "replace").lower())
        sector = reader.next_sector(sector)
    return names


class _OleReader:
    """Reads sectors and follows FAT chains, fetching only the FAT sectors it needs."""

    def __init__(self, fileobj, sector_size, header_difat, first_difat, difat_count):
        self.fileobj, self.sector_size = fileobj, sector_size
        self.header_difat, self.first_difat, self.difat_count = header_difat, first_difat, difat_count
        self.per_sector = sector_size // 4

    def sector(self, number):
        self.fileobj.seek((number + 1) * self.sector_size)
        data = self.fileobj.read(self.sector_size)
        if len(data) != self.sector_size:
            raise ValueError("truncated compound file")
        return data

    def next_sector(self, number):
        fat_sector = self.fat_sector_location(number // self.per_sector)
        return struct.unpack_from("<I", self.sector(fat_sector), number % self.per_sector * 4)[0]

    def fat_sector_location(self, index):
        if index < len(self.header_difat):
            return self.header_difat[index]
        index -= len(self.header_difat)
        difat, entries = self.first_difat, self.per_sector - 1  # the last entry links the next DIFAT sector
        for _step in range(min(self.difat_count, 64)):  # 64 DIFAT sectors map a file of 512 MB and more
            if difat >= FREE_SECTORS:
                break
            values = struct.unpack(f"<{self.per_sector}I", self.sector(difat))
            if index < entries:
                return values[index]
            index, difat = index - entries, values[-1]
        raise ValueError("FAT sector outside the DIFAT")
