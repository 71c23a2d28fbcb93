"""Every message the import shows, in one place (docs/import.md lists them all).

Indonesian msgids, translated lazily: ``str(MESSAGE)`` (or ``MESSAGE % {...}``) renders in
the active language, which for a job is the language of the person who started it.
"""
from django.utils.translation import gettext_lazy as _

# --- the whole file ------------------------------------------------------------------------
EMPTY_FILE = _("Berkas kosong.")
TOO_LARGE = _("Berkas terlalu besar: paling besar %(max)s.")
OLD_XLS = _("Ini berkas Excel lama (.xls). Simpan sebagai .xlsx atau CSV.")
NOT_XLSX = _("Berkas ini bukan lembar kerja XLSX. Unggah .xlsx atau CSV.")
XLSX_BOMB = _("Isi berkas XLSX terlalu besar atau dipadatkan secara mencurigakan; simpan sebagai CSV.")  # noqa: E501
NOT_TEXT = _("Berkas ini bukan teks CSV. Unggah CSV (UTF-8) atau XLSX.")
BAD_ENCODING = _("Berkas tidak terbaca sebagai UTF-8 maupun Windows-1252. Simpan ulang sebagai CSV UTF-8.")  # noqa: E501
BROKEN_UTF8 = _("Berkas UTF-8 rusak di sekitar baris %(row)d. Simpan ulang sebagai CSV UTF-8.")
BAD_CSV = _("Berkas CSV tidak dapat diurai di sekitar baris %(row)d: %(reason)s")
MISSING_COLUMNS = _("Kolom wajib tidak ada: %(columns)s. Unduh templat untuk contoh judul kolom.")
DUPLICATE_COLUMN = _("Kolom %(column)s muncul dua kali di baris judul.")
NO_ROWS = _("Berkas tidak berisi baris data di bawah baris judul.")
FILE_MISSING = _("Berkas unggahan tidak ditemukan lagi di server; unggah ulang.")

# --- one row, one column --------------------------------------------------------------------
NIB_REQUIRED = _("NIB wajib diisi.")
NIB_FORMAT = _("NIB harus 13 digit angka.")
NIB_TWICE = _("NIB %(nib)s muncul lebih dari sekali dalam berkas (baris %(rows)s); sisakan satu.")
NAME_REQUIRED = _("Nama usaha wajib diisi.")
TOO_LONG = _("Terlalu panjang: paling banyak %(max)d karakter.")
LEGAL_FORM = _("Pilih bentuk usaha: CV, PT, UD, Koperasi atau perorangan.")
NPWP_FORMAT = _("NPWP harus 15 atau 16 digit angka.")
REGENCY_REQUIRED = _("Kode wilayah wajib diisi.")
REGENCY_UNKNOWN = _("Kode kabupaten/kota tidak dikenal: %(code)s. Gunakan kode Kemendagri xx.xx.")
REGENCY_OUT_OF_SCOPE = _("Kabupaten/kota %(code)s di luar provinsi lingkup Anda (%(province)s).")
KBLI_REQUIRED = _("Isi minimal satu kode KBLI 2020.")
KBLI_UNKNOWN = _("Kode KBLI 2020 tidak dikenal: %(codes)s")
PRODUCTS_REQUIRED = _("Isi minimal satu produk.")
NOT_INTEGER = _("Harus bilangan bulat, misalnya 1500000000 atau 1.500.000.000.")
NEGATIVE = _("Nilai tidak boleh negatif.")
OUT_OF_RANGE = _("Angka di luar batas yang diizinkan.")
DATE_FORMAT = _("Tanggal tidak valid: %(value)s. Gunakan TTTT-BB-HH, misalnya 2024-12-31.")
DATE_FUTURE = _("Tanggal tidak boleh di masa depan.")
DATE_REQUIRED = _("Isi per_tanggal bila penjualan_tahunan atau modal_usaha diisi.")
PHONE_FORMAT = _("Nomor telepon tidak valid: gunakan angka, spasi, +, - atau tanda kurung.")
EMAIL_FORMAT = _("Alamat email tidak valid.")

# --- a row that is valid but may not be applied ------------------------------------------------
CLAIMED = _("NIB ini milik usaha yang mengelola profilnya sendiri; impor tidak mengubahnya.")
OTHER_PROVINCE = _("NIB ini terdaftar di provinsi lain, di luar lingkup Anda.")
