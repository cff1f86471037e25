"""The lexicons of Turkish, Portuguese, Italian, Dutch, Russian, Chinese and Japanese.

Data-driven: made-up lines (written for this test, no page's text) per language.  Each
boilerplate line must match the key it is filed under, through the same look-ups the rules
make; each ordinary news sentence must match no boilerplate key, or the lexicon would eat
article prose.  Chinese and Japanese are written without spaces: ``contains`` phrases match a
whole run of letters between spaces or marks (the tokens are ``\\w+`` runs), so those cases
stand beside a mark, and the ``line`` and ``prefix`` keys carry the rest.
"""

from __future__ import annotations

import json
from importlib import resources
from types import SimpleNamespace

import pytest
from test_lexicons_more import AGENCIES as MORE_AGENCIES
from test_lexicons_more import BOILERPLATE as MORE_BOILERPLATE
from test_lexicons_more import MORE
from test_lexicons_more import PROSE as MORE_PROSE

from boilerstrip.lexicon import KEY_MODES, core, load, read_files
from boilerstrip.normalize import fold
from boilerstrip.rules import _counted

NEW = ("tr", "pt", "it", "nl", "ru", "zh", "ja")

#: (line, key it must match) per language.
BOILERPLATE: dict[str, list[tuple[str, str]]] = {
    "tr": [
        ("İlgili Haberler", "related_headers"),
        ("ilgili konular", "related_headers"),
        ("Önceki Haber: Köprü trafiğe açıldı", "related_prefixes"),
        ("Yorumlar (12)", "comment_headers"),
        ("3 yorum", "comment_cues"),
        ("E-posta adresiniz yayınlanmayacak. Gerekli alanlar * ile işaretlenmişlerdir", "comment_policy"),
        ("Bu haberi paylaşın", "navigation_headers"),
        ("• Ana Sayfa", "menu_entries"),
        ("İletişim", "menu_entries"),
        ("Etiketler: ekonomi, tarım", "tag_prefixes"),
        ("Okuma süresi: 3 dakika", "navigation_prefixes"),
        ("© 2024 Örnek Gazetesi. Tüm hakları saklıdır.", "navigation_phrases"),
        ("Fotoğraf: Arşiv", "caption_prefixes"),
        ("Liman işçileri tekneleri bağlıyor /AA", "photo_credits"),
        ("Haber: Ayşe Yılmaz", "byline_prefixes"),
        ("Kaynak: Anadolu Ajansı", "source_prefixes"),
        ("Haber Merkezi", "generic_sources"),
    ],
    "pt": [
        ("Leia também", "related_headers"),
        ("Notícias relacionadas", "related_headers"),
        ("Leia mais: Greve dos portos chega ao fim", "related_prefixes"),
        ("Deixe um comentário", "comment_headers"),
        ("12 comentários em “Greve dos portos chega ao fim”", "comment_count_prefixes"),
        ("Responder", "comment_cues"),
        ("O seu endereço de e-mail não será publicado.", "comment_policy"),
        ("Siga-nos", "navigation_headers"),
        ("Fale conosco", "menu_entries"),
        ("* Página inicial", "menu_entries"),
        ("Tempo de leitura: 3 minutos", "navigation_prefixes"),
        ("Palavras-chave: economia, agricultura", "tag_prefixes"),
        ("Copyright 2024 Jornal Exemplo. Todos os direitos reservados.", "navigation_phrases"),
        ("Foto: Arquivo pessoal", "caption_prefixes"),
        ("Trabalhadores no cais do porto (Reprodução/Redes sociais)", "photo_credits"),
        ("Por Maria Souza", "byline_prefixes"),
        ("Com informações da Agência Brasil", "source_prefixes"),
        ("Da Redação", "generic_sources"),
    ],
    "it": [
        ("Leggi anche", "related_headers"),
        ("Articoli correlati", "related_headers"),
        ("Articolo successivo: Il porto riapre dopo la tempesta", "related_prefixes"),
        ("Lascia un commento", "comment_headers"),
        ("5 pensieri su “Lo sciopero dei porti è finito”", "comment_count_prefixes"),
        ("Rispondi", "comment_cues"),
        ("Il tuo indirizzo email non sarà pubblicato.", "comment_policy"),
        ("Seguici su", "navigation_headers"),
        ("Torna su", "menu_entries"),
        ("Versione stampabile", "menu_entries"),
        ("P.IVA 01234567890", "navigation_prefixes"),
        ("Argomenti: economia, agricoltura", "tag_prefixes"),
        ("© Riproduzione riservata", "navigation_phrases"),
        ("Foto: archivio", "caption_prefixes"),
        ("I lavoratori nel porto (foto ANSA)", "photo_credits"),
        ("A cura di Marco Bianchi", "byline_prefixes"),
        ("Fonte: ANSA", "source_prefixes"),
        ("La Redazione", "generic_sources"),
    ],
    "nl": [
        ("Lees ook", "related_headers"),
        ("Meest gelezen", "related_headers"),
        ("Lees ook: Havenstaking na twee weken voorbij", "related_prefixes"),
        ("Reacties (4)", "comment_headers"),
        ("3 reacties op “Havenstaking voorbij”", "comment_count_prefixes"),
        ("Beantwoorden", "comment_cues"),
        ("Je e-mailadres wordt niet gepubliceerd.", "comment_policy"),
        ("Volg ons", "navigation_headers"),
        ("Naar boven", "menu_entries"),
        ("Alles accepteren", "menu_entries"),
        ("Leestijd 3 minuten", "navigation_prefixes"),
        ("Trefwoorden: economie, landbouw", "tag_prefixes"),
        ("© 2024 Voorbeeld Media. Alle rechten voorbehouden.", "navigation_phrases"),
        ("Foto: archief", "caption_prefixes"),
        ("Havenarbeiders bij de kade (Foto ANP)", "photo_credits"),
        ("Door Jan de Vries", "byline_prefixes"),
        ("Bron: ANP", "source_prefixes"),
        ("De redactie", "generic_sources"),
    ],
    "ru": [
        ("Читайте также", "related_headers"),
        ("Материалы по теме", "related_headers"),
        ("Читайте также: Забастовка в порту закончилась", "related_prefixes"),
        ("Комментарии (7)", "comment_headers"),
        ("7 комментариев к «Забастовка в портах закончилась»", "comment_count_prefixes"),
        ("Ответить", "comment_cues"),
        ("Ваш адрес email не будет опубликован.", "comment_policy"),
        ("Мы в соцсетях", "navigation_headers"),
        ("Версия для печати", "menu_entries"),
        ("* Главная", "menu_entries"),
        ("Теги: экономика, сельское хозяйство", "tag_prefixes"),
        ("Время чтения: 3 минуты", "navigation_prefixes"),
        ("© 2024 Пример Медиа. Все права защищены.", "navigation_phrases"),
        ("Фото: пресс-служба", "caption_prefixes"),
        ("Рабочие в порту. Фото: ТАСС", "photo_credits"),
        ("Текст: Анна Петрова", "byline_prefixes"),
        ("Источник: Интерфакс", "source_prefixes"),
        ("Редакция", "generic_sources"),
    ],
    "zh": [
        ("相关新闻", "related_headers"),
        ("延伸阅读", "related_headers"),
        ("上一篇：港口罢工结束", "related_prefixes"),
        ("网友评论", "comment_headers"),
        ("评论(3)", "comment_cues"),
        ("网友评论仅供其表达个人看法，并不表明本站同意其观点", "comment_policy"),
        ("分享到：", "navigation_headers"),
        ("返回顶部", "menu_entries"),
        ("小字号", "menu_entries"),
        ("当前位置：首页 > 新闻 > 正文", "navigation_prefixes"),
        ("关键词：经济 农业", "tag_prefixes"),
        ("Copyright © 2024 示例网 版权所有", "navigation_phrases"),
        ("图片来源：网络", "caption_prefixes"),
        ("工人在码头工作。 视觉中国", "photo_credits"),
        ("责任编辑：王明", "byline_prefixes"),
        ("来源：新华社", "source_prefixes"),
        ("本报讯", "generic_sources"),
    ],
    "ja": [
        ("関連記事", "related_headers"),
        ("【関連記事】", "related_headers"),
        ("次の記事：港のストライキが終結", "related_prefixes"),
        ("コメント一覧", "comment_headers"),
        ("返信", "comment_cues"),
        ("メールアドレスが公開されることはありません。", "comment_policy"),
        ("この記事をシェア", "navigation_headers"),
        ("ページの先頭へ", "menu_entries"),
        ("文字サイズ", "menu_entries"),
        ("タグ：経済、農業", "tag_prefixes"),
        ("シェア：X Facebook LINE", "navigation_prefixes"),
        ("記事・写真の無断転載を禁じます。 Copyright © 2024", "navigation_phrases"),
        ("写真：港で作業する人たち", "caption_prefixes"),
        ("港で作業する人たち（時事通信フォト）", "photo_credits"),
        ("文：山田花子", "byline_prefixes"),
        ("出典：共同通信", "source_prefixes"),
        ("編集部", "generic_sources"),
    ],
}

#: Ordinary news sentences per language: none may match a boilerplate key.
PROSE: dict[str, list[str]] = {
    "tr": [
        "Belediye meclisi salı günü yeni köprünün yapımı için ayrılan bütçeyi onayladı.",
        "Çiftçiler, kuraklığın bu yıl buğday hasadını yüzde yirmi azalttığını söyledi.",
        "Bakan, okulların eylül ayında açılacağını ve öğretmen maaşlarının artacağını açıkladı.",
    ],
    "pt": [
        "A prefeitura aprovou na terça-feira o orçamento para a construção da nova ponte sobre o rio.",
        "Os agricultores disseram que a seca reduziu a colheita de trigo em vinte por cento neste ano.",
        "O ministro afirmou que as escolas voltarão a abrir em setembro e que os salários vão subir.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì il bilancio per il nuovo ponte sul fiume.",
        "Gli agricoltori hanno detto che la siccità ha ridotto il raccolto di grano del venti per cento.",
        "Il ministro ha annunciato che le scuole riapriranno a settembre e che gli stipendi aumenteranno.",
    ],
    "nl": [
        "De gemeenteraad keurde dinsdag de begroting voor de bouw van de nieuwe brug over de rivier goed.",
        "Boeren zeggen dat de droogte de tarweoogst dit jaar met twintig procent heeft verminderd.",
        "De minister maakte bekend dat de scholen in september weer opengaan en de lonen stijgen.",
    ],
    "ru": [
        "Городской совет во вторник утвердил бюджет на строительство нового моста через реку.",
        "Фермеры сообщили, что засуха сократила урожай пшеницы в этом году на двадцать процентов.",
        "Министр заявил, что школы откроются в сентябре, а зарплаты учителей будут повышены.",
    ],
    "zh": [
        "市议会周二批准了在河上修建新桥的预算，工程预计明年开工。",
        "农民们表示，今年的干旱使小麦收成减少了两成，许多家庭收入下降。",
        "部长宣布学校将于九月重新开学，教师的工资也将提高。",
    ],
    "ja": [
        "市議会は火曜日、川に新しい橋を架ける予算を承認し、工事は来年始まる見通しだ。",
        "農家によると、今年の干ばつで小麦の収穫は二割減り、多くの世帯の収入が落ち込んだ。",
        "大臣は、学校が九月に再開し、教員の給与が引き上げられると発表した。",
    ],
}

#: Agency spellings of these languages and the canonical name the other files use.
AGENCIES = [
    ("Anadolu Ajansı", "Anadolu"),
    ("AA", "Anadolu"),
    ("İhlas Haber Ajansı", "IHA"),
    ("Agência Lusa", "Lusa"),
    ("ANSA", "ANSA"),
    ("Adnkronos", "Adnkronos"),
    ("ANP", "ANP"),
    ("ТАСС", "TASS"),
    ("ИТАР-ТАСС", "TASS"),
    ("РИА Новости", "RIA Novosti"),
    ("Интерфакс", "Interfax"),
    ("新华社", "Xinhua"),
    ("中新社", "CNS"),
    ("法新社", "AFP"),
    ("共同通信", "Kyodo"),
    ("共同", "Kyodo"),
    ("時事通信", "Jiji"),
    ("AFP時事", "AFP"),
]

#: The keys whose entries mark boilerplate (tokens and proclitics are word lists, not cues).
CUE_KEYS = tuple(k for k, mode in KEY_MODES.items() if mode in ("line", "prefix", "contains"))

#: These languages and those of ``test_lexicons_more.py``, checked alike.
LANGS = NEW + MORE
BOILERPLATES = BOILERPLATE | MORE_BOILERPLATE
PROSES = PROSE | MORE_PROSE


def matched_keys(line: str) -> set[str]:
    """Every cue key the line matches, by the look-up the rules make for that key's mode."""
    lex = load()
    folded = fold(line)
    keys = set(lex.scan(folded))
    for key in CUE_KEYS:
        mode = KEY_MODES[key]
        if (mode == "line" and lex.whole_line(key, core(folded))) or (
            mode == "prefix" and lex.prefix(key, folded)
        ):
            keys.add(key)
    if _counted(SimpleNamespace(folded=folded), lex, "comment_count_prefixes"):  # type: ignore[arg-type]
        keys.add("comment_count_prefixes")
    return keys


def test_the_new_languages_are_bundled() -> None:
    assert set(NEW) | set(MORE) <= {d["code"] for d in read_files().values()}


def test_every_file_has_the_keys_of_fr_in_the_same_order() -> None:
    reference = list(read_files()["fr.json"])
    for name in sorted(resources.files("boilerstrip").joinpath("lexicons").iterdir(), key=lambda e: e.name):
        if name.name.endswith(".json"):
            assert list(json.loads(name.read_text(encoding="utf-8"))) == reference, name.name


@pytest.mark.parametrize(
    ("line", "key"), [case for lang in LANGS for case in BOILERPLATES[lang]], ids=lambda v: str(v)[:30]
)
def test_boilerplate_line_matches_its_key(line: str, key: str) -> None:
    assert key in matched_keys(line)


@pytest.mark.parametrize("sentence", [s for lang in LANGS for s in PROSES[lang]], ids=lambda s: s[:30])
def test_prose_matches_no_boilerplate_key(sentence: str) -> None:
    assert matched_keys(sentence) == set()


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_is_exercised(lang: str) -> None:
    """Each language's cases cover every boilerplate key but the word lists (and the keys a
    language leaves empty)."""
    data = next(d for d in read_files().values() if d["code"] == lang)
    wanted = {k for k in CUE_KEYS if data[k]}
    assert {key for _, key in BOILERPLATES[lang]} == wanted


@pytest.mark.parametrize(("spelling", "canonical"), AGENCIES + MORE_AGENCIES)
def test_agency_spellings(spelling: str, canonical: str) -> None:
    assert load().agency(spelling) == canonical


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("（共同）", "Kyodo"),
        ("【新华社】", "Xinhua"),
        ("(ТАСС)", "TASS"),
        ("港で作業する人たち（時事）", "Jiji"),
    ],
)
def test_cjk_and_cyrillic_agencies_are_found_beside_marks(line: str, agency: str) -> None:
    """An agency standing between brackets is found as a whole word, also in an unspaced line."""
    m = load().find_agency(line)
    assert m is not None and load().agencies[m.group(0)] == agency


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("版权所有 © 2024 示例网", "navigation_phrases"),
        ("版权所有，未经授权禁止转载", "navigation_phrases"),  # phrases cut by a comma
        ("评论（12）", "comment_cues"),
        ("コメント（3）", "comment_cues"),
        ("無断転載を禁じます", "navigation_phrases"),
    ],
)
def test_cjk_contains_phrases_match_runs_between_marks(line: str, key: str) -> None:
    """Unspaced text is one token per run of letters: a phrase matches a whole run."""
    assert key in load().scan(fold(line))
