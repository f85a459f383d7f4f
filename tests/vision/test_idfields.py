"""Fields from OCR lines: layout, labels read or missed, look-alikes, doubtful characters (no OCR run here)."""

from __future__ import annotations

from station.vision.card import Side, side_of
from station.vision.idcard import _settles
from station.vision.idfields import DOUBTFUL_BELOW, FieldRead, parse_back, parse_front, place_doubts
from station.vision.ocr import OcrLine


def line(text: str, x: float, y: float, *, w: float | None = None, h: float = 30, scores: list[float] | None = None,
         score: float = 0.99) -> OcrLine:
    """An OCR line whose box starts at x and is centred on y, characters spread evenly."""
    w = w if w is not None else 27 * len(text)
    box = ((x, y - h / 2), (x + w, y - h / 2), (x + w, y + h / 2), (x, y + h / 2))
    return OcrLine(text, score, box, tuple(scores) if scores else (score,) * len(text))


def front_lines(**replace: OcrLine | None) -> list[OcrLine]:
    lines = {
        "name_label": line("姓名", 70, 72, w=60),
        "name": line("欧阳燚堃", 162, 70),
        "sex_label": line("性别", 70, 134, w=60),
        "sex": line("男", 162, 132),
        "eth_label": line("民族", 290, 134, w=60),
        "eth": line("维吾尔", 380, 132),
        "birth_label": line("出生", 70, 196, w=60),
        "birth": line("1990年3月7日", 162, 194, w=220),
        "addr_label": line("住址", 70, 256, w=60),
        "addr1": line("新疆维吾尔自治区喀什地区", 162, 254),
        "addr2": line("疏附县托克扎克镇阿克提坎", 162, 294),
        "addr3": line("村3组125号", 162, 334),
        "num_label": line("公民身份号码", 70, 466, w=140),
        "num": line("65312119900307101X", 290, 462, w=400),
        "photo": line("窗", 560, 200, w=240, h=300, score=0.55),
    }
    lines.update(replace)
    return [v for v in lines.values() if v is not None]


def values(fields: dict) -> dict[str, str]:
    return {k: f.value for k, f in fields.items()}


def test_front_fields_from_a_clean_read() -> None:
    fields = parse_front(front_lines())
    assert values(fields) == {
        "name": "欧阳燚堃", "sex": "男", "ethnicity": "维吾尔", "birth_date": "1990-03-07",
        "address": "新疆维吾尔自治区喀什地区疏附县托克扎克镇阿克提坎村3组125号", "id_number": "65312119900307101X",
    }
    assert not any(f.is_doubtful for f in fields.values())
    assert fields["name"].confidence == 0.99


def test_labels_merged_into_values_and_rows_shifted_down() -> None:
    dy = 14  # the card was flattened slightly off: every row lower
    lines = [
        line("姓名买买提·艾力", 70, 72 + dy, w=300),
        line("性别男民族维吾尔", 70, 134 + dy, w=400),
        line("出生1990年3月7日", 70, 196 + dy, w=300),
        line("住址新疆维吾尔自治区喀什", 70, 256 + dy, w=420),
        line("市人民路1号", 162, 296 + dy),
        line("公民身份号码65312119900307101X", 70, 466 + dy, w=620),
    ]
    assert values(parse_front(lines)) == {
        "name": "买买提·艾力", "sex": "男", "ethnicity": "维吾尔", "birth_date": "1990-03-07",
        "address": "新疆维吾尔自治区喀什市人民路1号", "id_number": "65312119900307101X",
    }


def test_labels_missed_fall_back_to_the_printed_layout() -> None:
    lines = [ln for ln in front_lines() if ln.left > 150]  # no label was read at all
    assert values(parse_front(lines))["ethnicity"] == "维吾尔"
    assert values(parse_front(lines))["address"].startswith("新疆")


def test_look_alike_in_the_number_is_mapped_and_marked() -> None:
    fields = parse_front(front_lines(num=line("6531211990O307101X", 290, 462, w=400)))
    number = fields["id_number"]
    assert number.value == "65312119900307101X"
    assert number.doubtful == (10,)


def test_low_confidence_characters_are_doubtful_with_their_index() -> None:
    weak = DOUBTFUL_BELOW - 0.2
    fields = parse_front(front_lines(name=line("欧阳燚堃", 162, 70, scores=[0.99, 0.99, weak, 0.99])))
    assert fields["name"].doubtful == (2,)
    assert fields["name"].confidence == weak


def test_values_of_the_wrong_form_are_doubtful() -> None:
    fields = parse_front(front_lines(sex=line("易", 162, 132), eth=line("汊", 380, 132),
                                     num=line("6531211990030710", 290, 462, w=360)))
    assert fields["sex"].problem and fields["sex"].doubtful == (0,)
    assert "56" in fields["ethnicity"].problem
    assert "16 characters" in fields["id_number"].problem and fields["id_number"].is_doubtful


def test_traditional_forms_are_mapped_in_addresses_and_flagged_in_names() -> None:
    fields = parse_front(front_lines(addr1=line("內蒙古自治区呼和浩特市", 162, 254), addr2=None, addr3=None,
                                     name=line("劉洋", 162, 70)))
    assert fields["address"].value == "内蒙古自治区呼和浩特市"
    assert fields["name"].doubtful == (0,)


def test_unreadable_birth_date_is_missing_not_invented() -> None:
    fields = parse_front(front_lines(birth=line("19年", 162, 194)))
    assert fields["birth_date"].value == "19年" and fields["birth_date"].problem
    assert parse_front(front_lines(birth=None, birth_label=None))["birth_date"].value == ""


def test_photo_text_is_ignored() -> None:
    assert "窗" not in "".join(values(parse_front(front_lines())).values())


def back_lines(period_text: str = "2015.03.01-2035.03.01", **replace: OcrLine | None) -> list[OcrLine]:
    lines = {
        "title": line("中华人民共和国", 270, 95, w=470, h=40),
        "title2": line("居民身份证", 250, 190, w=520, h=60),
        "issuer_label": line("签发机关", 170, 412, w=110),
        "issuer": line("喀什市公安局", 320, 410),
        "period_label": line("有效期限", 170, 470, w=110),
        "period": line(period_text, 320, 468, w=14 * len(period_text)),
    }
    lines.update(replace)
    return [v for v in lines.values() if v is not None]


def test_back_fields_with_dates_and_permanent() -> None:
    assert values(parse_back(back_lines())) == {"issuer": "喀什市公安局", "valid_from": "2015-03-01",
                                               "valid_to": "2035-03-01"}
    fields = parse_back(back_lines("2013.01.22一长期"))  # the dash read as 一
    assert values(fields) == {"issuer": "喀什市公安局", "valid_from": "2013-01-22", "valid_to": "长期"}
    assert not fields["valid_to"].is_doubtful


def test_back_period_without_separators_and_garbage() -> None:
    assert values(parse_back(back_lines("20150301-20350301")))["valid_to"] == "2035-03-01"
    fields = parse_back(back_lines("2000.65.03"))
    assert fields["valid_from"].problem == "not a real date"
    assert fields["valid_to"].value == ""


def test_side_of_needs_the_labels_of_a_side() -> None:
    front = [ln.text for ln in front_lines()]
    back = [ln.text for ln in back_lines()]
    assert side_of(front).side is Side.FRONT
    assert side_of(back).side is Side.BACK
    assert side_of(["本人住址变更证明", "兹证明", "110105194912310021"]).side is None  # a letter with a number
    licence = ["中华人民共和国机动车驾驶证", "证号", "11010519491231002X", "姓名", "张三", "性别", "男", "住址",
               "北京市", "出生日期", "1949-12-31", "有效期限", "2019-06-10至2025-06-10"]
    guess = side_of(licence)
    assert guess.side is None and guess.other_kind == "a driving licence (驾驶证)"
    assert side_of(licence[1:]).side is None  # even when 驾驶证 itself was not read
    bank = side_of(["农商银行借记卡", "6295 1463 7492 6015 444", "VALID THRU 08/31", "银联", "UnionPay"])
    assert bank.side is None and bank.other_kind == "a bank card"


def test_places_one_character_off_the_numbers_region_are_doubtful() -> None:
    # 433101: 湖南省湘西土家族苗族自治州吉首市; the address lost 首, the authority misread 溆 as 淑.
    front = parse_front(front_lines(addr1=line("湖南省湘西土家族苗族自治州", 162, 254),
                                    addr2=line("吉市幸福镇团结路73号", 162, 294), addr3=None,
                                    num=line("433101199003071013", 290, 462, w=400)))
    back = parse_back(back_lines(issuer=line("淑浦县公安局", 320, 410)))
    marked_front, marked_back = place_doubts(front, back)
    address = marked_front["address"]
    assert address.value == "湖南省湘西土家族苗族自治州吉市幸福镇团结路73号"
    assert address.value[address.doubtful[0]:address.doubtful[-1] + 1] == "吉市"
    assert marked_back["issuer"].doubtful == ()  # 淑浦县 is not near a place of this address or region
    moved = parse_back(back_lines(issuer=line("吉首币公安局", 320, 410)))
    assert place_doubts(front, moved)[1]["issuer"].doubtful == (2,)


def test_an_address_elsewhere_is_not_doubted() -> None:
    front = parse_front(front_lines(addr1=line("北京市朝阳区幸福路8号", 162, 254), addr2=None, addr3=None,
                                    num=line("433101199003071013", 290, 462, w=400)))
    assert place_doubts(front)[0]["address"].doubtful == ()


def test_a_second_look_settles_doubts_but_never_overrules() -> None:
    doubtful = FieldRead("介体", 0.7, (1,))
    assert _settles(doubtful, FieldRead("介休", 0.99))
    assert not _settles(doubtful, FieldRead("价休", 0.99))  # changed a character the first read was sure of
    assert not _settles(doubtful, FieldRead("介休", 0.6, (1,)))  # no surer
    assert _settles(FieldRead("", 0.0, (), "not read"), FieldRead("男", 0.99))
    assert _settles(FieldRead("", 0.0, (), "not read"), FieldRead("男", 0.6, (0,)))  # something beats nothing
    assert _settles(FieldRead("易", 0.9, (0,), "sex must be 男 or 女"), FieldRead("男", 0.99))
    assert _settles(FieldRead("吉市幸福镇", 0.99, (0, 1)), FieldRead("吉首市幸福镇", 0.99))  # a lost character found
    assert not _settles(FieldRead("吉市幸福镇", 0.99, (0, 1)), FieldRead("吉市幸福镇镇", 0.99))  # not where doubted


def spaced(text: str, x: float, y: float, xs: list[float], score: float = 0.99) -> OcrLine:
    """A line whose characters sit at the given centres (as the recogniser's character boxes say)."""
    box = ((x, y - 15), (xs[-1] + 14, y - 15), (xs[-1] + 14, y + 15), (x, y + 15))
    return OcrLine(text, score, box, (score,) * len(text), tuple(xs))


def test_a_character_lost_in_a_gap_or_at_the_start_is_doubtful() -> None:
    # 吉首市 read as 吉市: the characters around the gap are marked, though each was read with confidence.
    gap = spaced("吉市幸福镇", 162, 294, [176, 230, 257, 284, 311])
    fields = parse_front(front_lines(addr1=line("湖南省湘西土家族苗族自治州", 162, 254), addr2=gap, addr3=None))
    assert fields["address"].doubtful == (13, 14)
    # 鲅鱼圈区 read as 鱼圈区: the authority starts a character later than the validity period below it.
    back = parse_back(back_lines(issuer=spaced("鱼圈区公安局", 347, 410, [361, 388, 415, 442, 469, 496]),
                                 period=spaced("2015.03.01-2035.03.01", 320, 468,
                                               [326 + 14 * i for i in range(21)])))
    assert back["issuer"].value == "鱼圈区公安局" and back["issuer"].doubtful == (0,)
    assert not parse_back(back_lines())["issuer"].is_doubtful


def test_an_authority_misread_like_the_address_is_still_doubtful() -> None:
    # 431224: 湖南省怀化市溆浦县; both the address and the authority read 溆 as 淑.
    front = parse_front(front_lines(addr1=line("湖南省怀化市淑浦县幸福镇", 162, 254), addr2=None, addr3=None,
                                    num=line("431224199003071013", 290, 462, w=400)))
    back = parse_back(back_lines(issuer=line("怀化市公安局淑浦分局", 320, 410)))
    marked_front, marked_back = place_doubts(front, back)
    assert marked_front["address"].doubtful and marked_back["issuer"].doubtful == (6,)


def test_a_character_read_in_two_forms_is_sure_of_the_one_it_is() -> None:
    # The recogniser split its belief between 漢 and 汉: the ethnic group 汉 is read surely, in either form.
    split = OcrLine("汉", 0.55, ((380, 117), (410, 117), (410, 147), (380, 147)), (0.55,),
                    alternatives=((("漢", 0.43), ("汶", 0.01)),), gaps=(0.0, 0.0))
    eth = parse_front(front_lines(eth=split))["ethnicity"]
    assert (eth.value, eth.is_doubtful) == ("汉", False)
    assert eth.confidence == 0.98
    unsure = OcrLine("汉", 0.55, split.box, (0.55,), alternatives=((("汶", 0.4),),), gaps=(0.0, 0.0))
    assert parse_front(front_lines(eth=unsure))["ethnicity"].doubtful == (0,)


def test_a_character_the_recogniser_dropped_marks_its_neighbours() -> None:
    # 团结村1组 read 团结村组: each character sure, but the frames between 村 and 组 held a "1" at 0.3.
    text = "团结村组5号"
    gaps = [0.0] * (len(text) + 1)
    gaps[3] = 0.3
    addr3 = OcrLine(text, 0.95, ((162, 319), (324, 319), (324, 349), (162, 349)), (0.99,) * len(text),
                    alternatives=((),) * len(text), gaps=tuple(gaps))
    address = parse_front(front_lines(addr3=addr3))["address"]
    start = address.value.index("团结村组")
    assert address.doubtful == (start + 2, start + 3)
    assert address.gaps[start + 2] == 0.3
    addr3 = OcrLine(text, 0.95, addr3.box, addr3.char_scores, alternatives=addr3.alternatives,
                    gaps=(0.0,) * (len(text) + 1))
    assert not parse_front(front_lines(addr3=addr3))["address"].is_doubtful
