"""Import files in the encodings real offices save: UTF-8 (BOM or not), UTF-16 with a BOM and GBK/GB18030 are read;
Big5, EUC-KR and Shift-JIS are refused with a message naming the encoding and how to re-save (issues 12/13)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from marketplace.importing import ImportFileError, decode_text
from marketplace.importing.charsets import guess_encoding, impossible_share, looks_korean
from marketplace.models import AchievementPage
from tests.factories import InstitutionFactory

HEADER = "kind,external_id,title,summary,institution\n"

# Real simplified Chinese with characters that are rare outside materials science.
GBK_CSV = HEADER + (
    "achievement,g-1,含氟聚合物 PVDF 粘结剂,用于锂电池正极的聚偏氟乙烯粘结剂，氟含量稳定。,三明学院\n"
    "achievement,g-2,碳化硅功率器件,碳化硅衬底外延与器件工艺，耐高温高压。,三明学院\n"
    "achievement,g-3,钛合金与镁合金轻量化构件,航空级钛合金、镁合金的成形工艺;石墨烯涂层。,三明学院\n"
)
GBK_RARE_LINES = [
    "钛、锂、钨、钼、钒、铌、钽、锆、铪、铼、钯、铑、铱、锑、铋、碲、硒、锗、镓、铟、铊、钴、镍",
    "氟、烯、钛、锂、镁、碳化硅",
    "聚偏氟乙烯",
    "堇青石蜂窝陶瓷;莫来石纤维;磷酸铁锂;钴酸锂;锰酸锂;砷化镓;氮化镓",
    "台湾",
]
BIG5_CSV = HEADER + (
    "achievement,b-1,含氟聚合物黏結劑,用於鋰電池正極的高純度聚偏氟乙烯黏結劑，氟含量穩定。,國立清華大學\n"
    "achievement,b-2,石墨烯導熱膜,高導熱石墨烯薄膜用於手機散熱，導熱係數 1500。,國立清華大學\n"
)
BIG5_SHORT = ["我們的團隊致力於石墨烯的產業化應用", "成果名稱,技術領域,聯絡人", "台灣"]
EUC_KR_CSV = HEADER + (
    "achievement,k-1,불소 고분자 바인더,리튬 전지 양극용 고순도 바인더입니다.,한국과학기술원\n"
    "achievement,k-2,그래핀 방열 필름,휴대폰 방열을 위한 고열전도 필름,한국과학기술원\n"
)
EUC_KR_SHORT = ["리튬 이온 전지 양극 재료의 제조 방법에 관한 것이다.", "성과 명칭,기술 분야,연락처"]
SHIFT_JIS_CSV = HEADER + (
    "achievement,j-1,フッ素ポリマーバインダー,リチウム電池正極用の高純度バインダーです。,東北大学\n"
    "achievement,j-2,グラフェン放熱フィルム,携帯電話の放熱のための高熱伝導フィルム,東北大学\n"
)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"], ids=lambda name: f"reads-{name}"
)
def test_accepted_encodings_read_back_the_same_text(encoding):
    assert decode_text(GBK_CSV.encode(encoding), "x.csv") == GBK_CSV


@pytest.mark.parametrize("line", GBK_RARE_LINES)
def test_genuine_gbk_with_rare_characters_is_never_refused(line):
    assert decode_text(line.encode("gbk"), "x.csv") == line


def test_gb18030_four_byte_characters_are_read():
    text = "𠮷野家 GB18030 四字节字符;氟化工"
    assert decode_text(text.encode("gb18030"), "x.csv") == text


@pytest.mark.parametrize(
    ("text", "codec", "named"),
    [
        (BIG5_CSV, "big5", "Big5"),
        *[(line, "big5", "Big5") for line in BIG5_SHORT],
        (EUC_KR_CSV, "euc_kr", "EUC-KR"),
        *[(line, "euc_kr", "EUC-KR") for line in EUC_KR_SHORT],
        (SHIFT_JIS_CSV, "shift_jis", "Shift-JIS"),
        ("リチウムイオン電池の正極材料を開発した。", "shift_jis", "Shift-JIS"),
    ],
)
def test_big5_euc_kr_and_shift_jis_are_refused_naming_the_encoding(text, codec, named):
    raw = text.encode(codec)
    raw.decode("gb18030")  # the trap: GB18030 accepts these bytes
    with pytest.raises(ImportFileError) as info:
        decode_text(raw, "x.csv")
    message = str(info.value)
    assert f"看起来是 {named}" in message
    assert "另存为" in message and "UTF-8" in message


def test_the_checks_tell_the_encodings_apart_for_the_reasons_given():
    big5_as_gbk = BIG5_CSV.encode("big5").decode("gb18030")
    assert impossible_share(big5_as_gbk) > 0.25  # kana and box drawing, which Chinese text never has
    assert impossible_share(GBK_CSV) == 0
    assert looks_korean(EUC_KR_CSV.encode("euc_kr"))
    assert not any(looks_korean(line.encode("gbk")) for line in [GBK_CSV, *GBK_RARE_LINES])
    assert guess_encoding(b"\x80\xff\x80\xff") == ""


@pytest.fixture
def universities(db):
    for name in ("三明学院", "國立清華大學", "한국과학기술원", "東北大学"):
        InstitutionFactory(name=name)


def _run_failing(path, *args):
    with pytest.raises(CommandError) as info:
        call_command("import_listings", str(path), *args, stdout=io.StringIO(), stderr=io.StringIO())
    return str(info.value), info.value.returncode


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "codec", "named"),
    [(BIG5_CSV, "big5", "Big5"), (EUC_KR_CSV, "euc_kr", "EUC-KR"), (SHIFT_JIS_CSV, "shift_jis", "Shift-JIS")],
)
def test_the_command_refuses_the_file_and_saves_nothing(tmp_path, universities, text, codec, named):
    path = tmp_path / f"{codec}.csv"
    path.write_bytes(text.encode(codec))
    message, returncode = _run_failing(path)
    assert returncode == 1
    assert f"文件 {codec}.csv 的编码看起来是 {named}" in message and "另存为”UTF-8" in message
    english, _code = _run_failing(path, "--language", "en")
    assert f"looks like {named} and cannot be imported" in english
    assert AchievementPage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-16"])
def test_the_command_imports_gbk_utf8_bom_and_utf16_files_whole(tmp_path, universities, encoding):
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(GBK_CSV.encode(encoding))
    call_command("import_listings", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    titles = set(AchievementPage.objects.values_list("title", flat=True))
    assert titles == {"含氟聚合物 PVDF 粘结剂", "碳化硅功率器件", "钛合金与镁合金轻量化构件"}
