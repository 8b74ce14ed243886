"""Complete Chinese and Vietnamese catalogs for the small test content (tests/fixtures/content), written into
a copy of it, so that tests can play a whole game in each language and look for English left over."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from game.authoring.translations import update_catalogs
from tests.conftest import FIXTURE

# file -> context -> (zh, vi); every text of the fixture
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "decks/test_deck.po": {
        "title": ("测试卡组", "Bộ thẻ thử"),
        "events.launch.title": ("试点启动", "Thí điểm bắt đầu"),
        "events.launch.actor": ("市长", "Thị trưởng"),
        "events.launch.text": ("第一批工人过关了。", "Những người lao động đầu tiên qua cửa khẩu."),
        "events.launch.source.quote": ("一段引文", "một đoạn trích"),
        "events.launch.choices.0.label": ("大开口子", "Mở rộng cửa"),
        "events.launch.choices.1.label": ("谨慎放开", "Mở thận trọng"),
        "events.inspection.title": ("检查组来了", "Đoàn thanh tra đến"),
        "events.inspection.actor": ("国家移民管理局", "Cục Quản lý Di dân Quốc gia"),
        "events.inspection.text": ("他们清点床位。", "Họ đếm giường."),
        "events.inspection.source.quote": ("一段引文", "một đoạn trích"),
        "events.inspection.choices.0.label": ("全部给他们看", "Cho họ xem tất cả"),
        "events.inspection.choices.1.label": ("拖延", "Trì hoãn"),
        "events.petition.title": ("延长许可？", "Kéo dài giấy phép?"),
        "events.petition.actor": ("商务部门", "Sở Thương mại"),
        "events.petition.text": ("企业希望延长务工许可。", "Doanh nghiệp muốn giấy phép dài hơn."),
        "events.petition.source.quote": ("一段引文", "một đoạn trích"),
        "events.petition.choices.0.label": ("去问北京", "Hỏi Bắc Kinh"),
        "events.petition.choices.1.label": ("等一等", "Chờ đợi"),
        "events.fight.title": ("街头斗殴", "Ẩu đả trên phố"),
        "events.fight.actor": ("警察", "Công an"),
        "events.fight.text": ("两名工人打起来了。", "Hai người lao động đánh nhau."),
        "events.fight.source.quote": ("一段引文", "một đoạn trích"),
        "events.fight.choices.0.label": ("处罚中介", "Phạt công ty môi giới"),
        "events.fight.choices.1.label": ("算了", "Bỏ qua"),
        "events.fight.choices.2.label": ("打电话给北京", "Gọi Bắc Kinh"),
        "events.quiet.title": ("平静的一周", "Một tuần yên ả"),
        "events.quiet.actor": ("办事员", "Nhân viên văn phòng"),
        "events.quiet.text": ("什么也没发生。", "Không có gì xảy ra."),
        "events.quiet.source.quote": ("一段引文", "một đoạn trích"),
        "events.quiet.choices.0.label": ("休息", "Nghỉ ngơi"),
        "events.quiet.choices.1.label": ("做计划", "Lập kế hoạch"),
    },
    "glossary.po": {
        "terms.nia.term": ("国家移民管理局", "Cục Quản lý Di dân"),
        "terms.nia.definition": ("负责出入境管理的国家机构。", "Cơ quan quốc gia quản lý xuất nhập cảnh."),
    },
    "negotiations/permit_length.po": {
        "title": ("许可期限", "Thời hạn giấy phép"),
        "counterpart": ("国家移民管理局", "Cục Quản lý Di dân"),
        "summary": ("企业想要更长的许可；移民管理局想要管控。", "Doanh nghiệp muốn giấy phép dài hơn; Cục muốn kiểm soát."),
        "interests.trust.says": ("北京能够辩护的记录", "Thành tích Bắc Kinh có thể bảo vệ"),
        "interests.trust.need": ("北京更多的信任", "Thêm niềm tin từ Bắc Kinh"),
        "interests.control.says": ("对边境的控制", "Kiểm soát biên giới"),
        "interests.control.need": ("更少的擅自离岗", "Ít người bỏ trốn hơn"),
        "alternative": ("三十天仍是规定。", "Ba mươi ngày vẫn là quy định."),
        "positions.thirty_days.label": ("三十天", "Ba mươi ngày"),
        "positions.ninety_days.label": ("九十天", "Chín mươi ngày"),
        "positions.ninety_days.text": ("北京同意九十天。", "Bắc Kinh đồng ý chín mươi ngày."),
        "positions.half_year.label": ("半年", "Nửa năm"),
        "concessions.app.label": ("追踪每一名工人", "Theo dõi từng người lao động"),
        "concessions.quota.label": ("工人配额", "Hạn ngạch lao động"),
        "moves.talk_growth.label": ("谈发展", "Nói về tăng trưởng"),
        "moves.talk_growth.says": ("企业需要工人。", "Doanh nghiệp cần lao động."),
        "moves.talk_control.label": ("谈管控", "Nói về kiểm soát"),
        "moves.talk_control.says": ("每个工人我们都掌握。", "Chúng tôi biết rõ từng người lao động."),
        "moves.show_numbers.label": ("摆数据", "Đưa số liệu"),
        "moves.show_numbers.says": ("擅自离岗的人少了。", "Số người bỏ trốn đã giảm."),
        "moves.appeal.label": ("找国务院", "Lên Quốc vụ viện"),
        "moves.appeal.says": ("让北京的规划部门来定。", "Để các nhà hoạch định ở Bắc Kinh quyết định."),
        "no_deal.prove_it.label": ("先证明给我们看", "Hãy chứng minh trước"),
        "no_deal.refused.label": ("被拒绝", "Bị từ chối"),
        "no_deal.refused.text": ("安全利益优先。", "Lợi ích an ninh được đặt lên trên."),
        "replies.opening.0": ("三十天是规定。", "Ba mươi ngày là quy định."),
        "replies.opening.1": ("又来了？三十天还是规定。", "Lại đến nữa à? Ba mươi ngày vẫn là quy định."),
        "replies.warmer.0": ("接着说。", "Nói tiếp đi."),
        "replies.warmer.1": ("这话值得一听。", "Điều đó đáng nghe."),
        "replies.warmer.2": ("记下了。", "Đã ghi nhận."),
        "replies.cooler.0": ("这对你没有帮助。", "Điều đó không giúp gì cho anh."),
        "replies.cooler.1": ("增长不归我管。", "Tăng trưởng không thuộc phần việc của tôi."),
        "replies.cooler.2": ("你在浪费这一轮。", "Anh đang phí một vòng."),
        "replies.counter.0": ("我们可以接受这个。", "Chúng tôi có thể chấp nhận cái này thay thế."),
        "replies.counter.1": ("这是我们能签的。", "Đây là những gì chúng tôi có thể ký."),
        "replies.counter.2": ("小一步", "Một bước nhỏ hơn"),
        "replies.counter.3": ("那就这样。", "vậy thì."),
        "replies.accept.0": ("同意。", "Đồng ý."),
        "replies.refuse.0": ("不行。今年不行。", "Không. Năm nay thì không."),
        "replies.refuse.1": ("还是不行。", "Vẫn không."),
        "replies.refuse.2": ("答案没有变。", "Câu trả lời vẫn không đổi."),
        "replies.impatient.0": ("我们听够了。", "Chúng tôi đã nghe đủ rồi."),
        "replies.walkout.0": ("随你。", "Tùy anh."),
        "replies.probed.0": ("我坦白说说我能签什么。", "Để tôi nói thẳng tôi có thể ký những gì."),
        "replies.appeal_works.0": ("国务院同意重新研究。", "Quốc vụ viện đồng ý xem xét lại."),
        "replies.appeal_fails.0": ("越级上告是个错误。", "Vượt mặt chúng tôi là một sai lầm."),
    },
    "scenario.po": {
        "title": ("测试剧本", "Kịch bản thử"),
        "meters.development.name": ("发展", "Phát triển"),
        "meters.security.name": ("安全", "An ninh"),
        "meters.central_confidence.name": ("中央信任", "Niềm tin của trung ương"),
        "counters.workers_present.name": ("在岗工人", "Lao động hiện có"),
        "counters.runaways_this_month.name": ("本月擅自离岗", "Bỏ trốn tháng này"),
        "counters.permit_days.name": ("许可期限", "Thời hạn giấy phép"),
        "policies.enforcement.name": ("执法力度", "Mức độ thực thi"),
        "policies.enforcement.options.strict.label": ("严格", "Nghiêm ngặt"),
        "policies.enforcement.options.selective.label": ("有选择", "Có chọn lọc"),
        "policies.enforcement.options.lax.label": ("宽松", "Lỏng lẻo"),
        "policies.enforcement.options.lax.locked": ("还不行。", "Chưa được."),
        "monthly.runaways.reason": ("本月擅自离岗", "Bỏ trốn tháng này"),
        "monthly.runaway_pressure.reason": ("擅自离岗拖累安全", "Người bỏ trốn làm giảm an ninh"),
        "monthly.growth.reason": ("劳动力供给", "Nguồn cung lao động"),
        "endings.suspended.title": ("试点暂停", "Thí điểm bị đình chỉ"),
        "endings.suspended.text": ("安全崩溃了。", "An ninh sụp đổ."),
        "endings.suspended.epilogue": ("历史并非如此。", "Lịch sử đã diễn ra khác."),
        "endings.suspended.source.quote": ("一段引文", "một đoạn trích"),
        "endings.collapse.title": ("园区崩溃", "Các khu sụp đổ"),
        "endings.collapse.text": ("发展崩溃了。", "Phát triển sụp đổ."),
        "endings.collapse.epilogue": ("历史并非如此。", "Lịch sử đã diễn ra khác."),
        "endings.collapse.source.quote": ("一段引文", "một đoạn trích"),
        "endings.model.title": ("全国样板", "Hình mẫu cả nước"),
        "endings.model.text": ("你做得很好。", "Bạn đã làm tốt."),
        "endings.model.epilogue": ("考察团纷纷前来。", "Các đoàn đến học hỏi."),
        "endings.model.source.quote": ("一段引文", "một đoạn trích"),
        "endings.shelved.title": ("悄然搁置", "Lặng lẽ gác lại"),
        "endings.shelved.text": ("没有人效仿。", "Không ai làm theo."),
        "endings.shelved.epilogue": ("暂停了。", "Tạm dừng."),
        "endings.shelved.source.quote": ("一段引文", "một đoạn trích"),
        "reflections.last_month.prompt": ("你会对继任者说什么？", "Bạn sẽ nói gì với người kế nhiệm?"),
        "discussion.0": ("谁为管控付出了代价？", "Ai đã trả giá cho sự kiểm soát?"),
    },
}


def translated_fixture(tmp: Path, langs: tuple[str, ...] = ("zh", "vi"), leave_out: tuple[str, ...] = ()) -> Path:
    """A copy of the test content with complete catalogs in `langs` (minus the contexts in `leave_out`)."""
    root = tmp / "content"
    shutil.copytree(FIXTURE, root)
    update_catalogs(root, langs, interface=False)
    for lang in langs:
        index = ("zh", "vi").index(lang)
        for file, texts in TEXTS.items():
            path = root / "locale" / lang / file
            with path.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            for msg in catalog:
                if msg.id and msg.context in texts and msg.context not in leave_out:
                    msg.string = texts[msg.context][index]
            with path.open("wb") as fh:
                write_po(fh, catalog, width=0)
    return root
