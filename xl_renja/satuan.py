"""Known satuan (units) of Renja indicators, with aliases and typo suggestions.

rapidfuzz is imported lazily in suggest_satuan so the CLI starts fast.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "SATUAN",
    "canonical_satuan",
    "suggest_satuan",
    "is_additive",
    "same_satuan",
    "LOWER_IS_BETTER_HINTS",
    "HIGHER_IS_BETTER_HINTS",
    "lower_is_better",
]

# canonical spelling -> aliases (matched case-insensitively, trailing dot
# ignored).  Compound units that are common enough to be their own satuan
# are listed as canonical entries.
SATUAN: dict[str, tuple[str, ...]] = {
    "Bulan": ("Bln", "Bln (KDH/W KDH)", "Bulan Layanan", "BL"),
    "Tahun": ("Thn", "Th"),
    "Hari": ("Hr", "HOK"),
    "Minggu": ("Mgg",),
    "Jam": (),
    "Dokumen": ("Dok", "Doc", "Dokument", "Document"),
    "Orang": ("Org", "Org/Peserta", "Orang/Peserta", "Peserta", "Jiwa", "Pegawai",
              "ASN", "Personil", "Personel"),
    "Siswa": ("Murid", "Peserta Didik"),
    "Unit": ("Unt", "Buah", "Bh"),
    "Paket": ("Pkt", "Pket"),
    "Laporan": ("Lap", "Lapor"),
    "Kegiatan": ("Keg", "Kgt", "Kegiatan/Paket"),
    "Sub Kegiatan": ("Sub Keg", "Subkegiatan"),
    "Program": ("Prog",),
    "Lembaga": ("Lbg",),
    "Kasus": (),
    "Stel": ("Setel",),
    "Set": (),
    "Buku": ("Bk",),
    "Eksemplar": ("Exemplar", "Eks", "Expl", "Exp"),
    "Titik": ("Ttk", "Titik Lokasi"),
    "Lokasi": ("Lok",),
    "Perwal": ("Peraturan Walikota", "Peraturan Wali Kota", "Perwal/Kepwal"),
    "Perbup": ("Peraturan Bupati", "Perbup/Kepbup"),
    "Pergub": ("Peraturan Gubernur",),
    "Kepwal": ("Keputusan Walikota", "Keputusan Wali Kota", "SK Walikota"),
    "Kepbup": ("Keputusan Bupati",),
    "Perda": ("Peraturan Daerah",),
    "Raperda": ("Rancangan Peraturan Daerah", "Ranperda"),
    "Produk Hukum": ("Produk Hukum Daerah",),
    "SK": ("Surat Keputusan",),
    "Kajian": ("Kajian Ilmiah", "Studi"),
    "Lomba": (),
    "Rakor": ("Rapat Koordinasi",),
    "Rapat": (),
    "OPD": ("SKPD", "Perangkat Daerah", "PD"),
    "Kali": ("Kl", "Frekuensi"),
    "Aplikasi": ("App", "Apl", "Sistem Aplikasi"),
    "Sistem": (),
    "Website": ("Situs", "Web"),
    "Data": (),
    "Kelurahan": ("Kel",),
    "Kecamatan": ("Kec",),
    "Desa": ("Desa/Kelurahan",),
    "Kabupaten/Kota": ("Kab/Kota",),
    "RT": (),
    "RW": (),
    "Kategori": ("Kat",),
    "Predikat": (),
    "Opini": (),
    "Indeks": ("Index", "Idx"),
    "Nilai": ("Poin", "Point", "Skor", "Score"),
    "Persen": ("%", "Prosen", "Percent"),
    "Persentase": ("Prosentase",),
    "Rasio": ("Ratio",),
    "Level": ("Tingkat",),
    "Peringkat": ("Ranking", "Rangking"),
    "Keluarga": ("KK", "Kepala Keluarga"),
    "Rumah Tangga": ("RTM", "Ruta"),
    "Rumah": ("Rmh", "Unit Rumah"),
    "Sekolah": ("Sekolahan", "Satuan Pendidikan"),
    "Ruang": ("Ruangan", "Lokal", "Kelas"),
    "Gedung": ("Bangunan",),
    "Hektar": ("Ha", "Hektare"),
    "Km": ("Kilometer",),
    "Meter": ("M", "Mtr"),
    "M2": ("m²", "Meter Persegi"),
    "M3": ("m³", "Meter Kubik"),
    "Liter": ("Ltr", "L"),
    "Ton": (),
    "Kg": ("Kilogram",),
    "Ekor": (),
    "Pohon": ("Batang",),
    "Kelompok": ("Klp", "Poktan"),
    "Koperasi": (),
    "Usaha": ("UMKM", "Pelaku Usaha", "IKM"),
    "Izin": ("Ijin", "Perizinan"),
    "Sertifikat": ("Sertipikat",),
    "Dokumen Perencanaan": (),
    "Layanan": ("Pelayanan",),
    "Jenis": (),
    "Bidang": ("Bid",),
    "Pos": (),
    "Objek": ("Obyek",),
    "Surat": (),
    "Berkas": (),
    "Naskah": (),
    "Arsip": (),
    "Informasi": ("Info",),
    "Publikasi": (),
    "Berita": (),
    "Tayangan": (),
    "Spanduk": ("Baliho", "Banner"),
    "Sesi": (),
    "Angkatan": (),
    "Forum": (),
    "Event": ("Even",),
    "Inovasi": (),
    "Rekomendasi": (),
    "Temuan": (),
    "Pengaduan": ("Aduan",),
    "Perkara": (),
    "Trayek": (),
    "Ruas": ("Ruas Jalan",),
    "Jembatan": (),
    "Kendaraan": ("Armada",),
    "Tim": (),
    "Regu": (),
    "Kawasan": (),
    "Pasar": (),
    "Puskesmas": (),
    "Fasilitas": ("Fasyankes", "Sarana", "Prasarana", "Sarpras"),
    "Rupiah": ("Rp", "Rp.", "IDR"),
}

# Satuan whose values do not add up across years (rates, scores, grades).
_NON_ADDITIVE = frozenset(
    {"Persen", "Persentase", "Indeks", "Nilai", "Kategori", "Rasio", "Predikat",
     "Opini", "Level", "Peringkat"}
)
_NON_ADDITIVE_WORDS = re.compile(
    r"%|\b(?:persen|persentase|prosentase|rasio|ratio|indeks|index|nilai|skor|"
    r"kategori|predikat|opini|level|peringkat|tingkat|rata)", re.IGNORECASE
)

_SPLIT_RE = re.compile(r"[\s/(),;:\-+&]")


def _key(raw) -> str:
    """Lookup key: casefold, collapsed whitespace, no trailing dot."""
    if raw is None:
        return ""
    text = " ".join(str(raw).replace("\xa0", " ").split()).casefold()
    return re.sub(r"\s*/\s*", "/", text).rstrip(".").strip()


@functools.lru_cache(maxsize=1)
def _alias_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for canonical, aliases in SATUAN.items():
        for name in (canonical, *aliases):
            mapping.setdefault(_key(name), canonical)
    return mapping


@functools.lru_cache(maxsize=1)
def _aliases_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_alias_map(), key=len, reverse=True))


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def canonical_satuan(raw) -> str | None:
    """Canonical spelling of a known satuan, or None.

    Case-insensitive; aliases map to their canonical (``Dok`` -> ``Dokumen``,
    ``%`` -> ``Persen``).  A compound satuan (``Orang/Paket``, ``Perwal/K
    epwal``, ``Titik dan 5 Kegiatan``, ``Kegiatan (6 kecamatan dan 26
    kelurahan)``) is known when its leading word(s) are, and maps to the
    canonical of that leading part.
    """
    key = _key(raw)
    if not key:
        return None
    mapping = _alias_map()
    if key in mapping:
        return mapping[key]
    for alias in _aliases_longest_first():
        if (len(alias) >= 2 or alias == "%") and key.startswith(alias):
            nxt = key[len(alias):len(alias) + 1]
            if alias == "%" or nxt == "" or not nxt.isalnum():
                return mapping[alias]
    return None


# QWERTY neighbours, for cheaper keyboard-typo substitutions.
_ROWS = ("1234567890-", "qwertyuiop[", "asdfghjkl;'", "zxcvbnm,./")


@functools.lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    pos = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    result = {}
    for c, (r, i) in pos.items():
        near = set()
        for d, (r2, i2) in pos.items():
            # rows are staggered: row r+1 key i sits between row r keys i, i+1
            if r2 == r and abs(i2 - i) == 1:
                near.add(d)
            elif r2 == r + 1 and i2 in (i - 1, i):
                near.add(d)
            elif r2 == r - 1 and i2 in (i, i + 1):
                near.add(d)
        result[c] = frozenset(near)
    return result


def _typo_score(typed: str, candidate: str) -> float:
    """Similarity in [0, 1]; adjacent-key substitutions cost half an edit."""
    # rapidfuzz: fast Levenshtein edit operations between the typed text
    # and each known alias.
    from rapidfuzz.distance import OSA, Levenshtein

    near = _neighbours()
    cost = 0.0
    for op in Levenshtein.editops(typed, candidate):
        if op.tag == "replace" and candidate[op.dest_pos] in near.get(typed[op.src_pos], ()):
            cost += 0.5
        else:
            cost += 1.0
    longest = max(len(typed), len(candidate))
    # swapped neighbouring letters ("Pakte") count as one edit
    swapped = 1.0 - OSA.distance(typed, candidate) / longest
    return max(1.0 - cost / longest, swapped)


_SUGGEST_THRESHOLD = 0.75


@functools.lru_cache(maxsize=2048)
def _best_match(typed: str) -> str | None:
    if len(typed) < 3:
        return None
    mapping = _alias_map()
    best, best_score = None, 0.0
    for alias in mapping:
        if len(alias) < 2:
            continue
        score = _typo_score(typed, alias)
        # prefer the same first letter on ties
        if score > best_score or (score == best_score and best is not None
                                  and alias[:1] == typed[:1] != best[:1]):
            best, best_score = alias, score
    if best is not None and best_score >= _SUGGEST_THRESHOLD:
        return mapping[best]
    return None


@functools.lru_cache(maxsize=2048)
def satuan_candidates(raw) -> tuple[str, ...]:
    """Every known satuan a (misspelt) text may mean: the canonical satuan of each alias within
    the suggestion threshold, best first. One candidate makes a certain repair (VL03)."""
    known = canonical_satuan(raw)
    if known:
        return (known,)
    key = _key(raw)
    if len(key) < 3:
        return ()
    mapping = _alias_map()
    scored = sorted(((_typo_score(key, alias), mapping[alias]) for alias in mapping if len(alias) >= 2), reverse=True)
    out: list[str] = []
    for score, canon in scored:
        if score < _SUGGEST_THRESHOLD:
            break
        if canon not in out:
            out.append(canon)
    return tuple(out)


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def suggest_satuan(raw) -> str | None:
    """Likely intended canonical satuan for a (possibly misspelt) one.

    Known satuan return their canonical (``KaSUS`` -> ``Kasus``).  Unknown
    ones are matched against all aliases with a keyboard-aware edit distance
    (``Bu;an``/``Bi;an``/``bukan`` -> ``Bulan``, ``Dokmen`` -> ``Dokumen``,
    ``doo`` -> ``Dokumen`` via ``dok``); the leading word of a compound is
    tried too.  None when nothing is close enough or the text is shorter
    than 3 characters.
    """
    known = canonical_satuan(raw)
    if known:
        return known
    key = _key(raw)
    if not key:
        return None
    found = _best_match(key)
    if found is None:
        head = _SPLIT_RE.split(key, maxsplit=1)[0]
        if head and head != key:
            found = _best_match(head)
    return found


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def is_additive(satuan) -> bool:
    """Whether yearly values of this satuan add up (counts such as Dokumen,
    Bulan, Orang, Unit, Paket).  Percentages, indices, scores, categories and
    ratios do not; neither does a missing satuan (no basis to sum).
    Unknown satuan are treated as counts unless their words say otherwise.
    """
    canonical = canonical_satuan(satuan)
    if canonical is not None:
        return canonical not in _NON_ADDITIVE
    key = _key(satuan)
    if not key:
        return False
    return not _NON_ADDITIVE_WORDS.search(key)


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def same_satuan(a, b) -> bool:
    """Equal after canonicalisation (``Dok`` == ``Dokumen``, ``%`` == ``Persen``);
    unknown satuan compare by normalised text.  Two blanks are equal."""
    ka, kb = canonical_satuan(a) or _key(a), canonical_satuan(b) or _key(b)
    return ka == kb


LOWER_IS_BETTER_HINTS: tuple[str, ...] = (
    "angka kemiskinan", "kemiskinan", "penduduk miskin", "inflasi",
    "pengangguran", "kematian", "mortalitas", "kesakitan", "morbiditas",
    "stunting", "wasting", "gizi buruk", "gizi kurang", "prevalensi", "gini",
    "ketimpangan", "kasus", "putus sekolah", "angka buta", "buta aksara",
    "kriminalitas", "kejahatan", "kecelakaan", "kebakaran", "banjir",
    "genangan", "kumuh", "tidak layak huni", "rtlh", "backlog", "pencemaran",
    "temuan", "tunggakan", "sengketa", "pelanggaran", "korban", "kerugian",
    "waktu tunggu", "lama waktu", "rata-rata waktu", "jumlah keluhan",
    "penyakit", "insiden", "konflik", "gangguan", "penyalahgunaan",
    "narkoba", "bencana", "lahan kritis", "emisi", "sampah yang dibuang",
    "residu",
)

# Words that turn a lower-is-better subject into a higher-is-better measure
# ("persentase kasus yang ditangani", "penurunan angka kemiskinan").
HIGHER_IS_BETTER_HINTS: tuple[str, ...] = (
    "ditangani", "tertangani", "penanganan", "diselesaikan", "terselesaikan",
    "penyelesaian", "ditindaklanjuti", "tertindaklanjuti", "tindak lanjut",
    "penurunan", "menurunnya", "berkurangnya", "pengurangan", "dicegah",
    "pencegahan", "cakupan", "tuntas", "terlayani", "dilayani", "terungkap",
    "diungkap", "terdeteksi", "ditemukan dan", "direhabilitasi", "bebas",
)


@functools.lru_cache(maxsize=1)
def _hint_res():
    def build(hints):
        alts = "|".join(re.escape(h) for h in sorted(hints, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")

    return build(LOWER_IS_BETTER_HINTS), build(HIGHER_IS_BETTER_HINTS)


@functools.lru_cache(maxsize=8192)  # pure; a workbook repeats the same few texts
def lower_is_better(indikator) -> bool:
    """Whether a lower value of this indicator is better (kemiskinan,
    inflasi, pengangguran, kematian, stunting, gini, kasus, ...).

    Hints match whole words.  A higher-is-better word (``ditangani``,
    ``penurunan``, ``cakupan``...) overrides: "Persentase kasus yang
    ditangani" is higher-is-better.
    """
    if not indikator:
        return False
    text = " ".join(str(indikator).casefold().split())
    lower_re, higher_re = _hint_res()
    return bool(lower_re.search(text)) and not higher_re.search(text)
