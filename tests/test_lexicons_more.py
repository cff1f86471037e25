"""The lexicons of Polish, Finnish, Hungarian, Czech, Indonesian, Korean and Norwegian Bokmål.

Made-up lines (written for this test, no page's text) per language; ``test_lexicons_new.py``
runs its checks over them as over its own languages.  Each boilerplate line must match the key
it is filed under, through the same look-ups the rules make; each ordinary news sentence must
match no boilerplate key, or the lexicon would eat article prose.  Korean attaches its particles
to the word ("댓글이"), so a ``contains`` phrase matches the bare word only, as the tokens are
``\\w+`` runs.
"""

from __future__ import annotations

import pytest

from boilerstrip.lexicon import load

MORE = ("pl", "fi", "hu", "cs", "id", "ko", "no")

#: (line, key it must match) per language.
BOILERPLATE: dict[str, list[tuple[str, str]]] = {
    "pl": [
        ("Czytaj też", "related_headers"),
        ("Najczęściej czytane", "related_headers"),
        ("Czytaj także: Strajk w porcie zakończony", "related_prefixes"),
        ("Komentarze (5)", "comment_headers"),
        ("4 komentarze do „Strajk w porcie zakończony”", "comment_count_prefixes"),
        ("Odpowiedz", "comment_cues"),
        ("Twój adres e-mail nie zostanie opublikowany.", "comment_policy"),
        ("Obserwuj nas", "navigation_headers"),
        ("* Strona główna", "menu_entries"),
        ("Do góry", "menu_entries"),
        ("Tagi: gospodarka, rolnictwo", "tag_prefixes"),
        ("Czas czytania: 3 min", "navigation_prefixes"),
        ("© 2024 Przykładowe Media. Wszelkie prawa zastrzeżone.", "navigation_phrases"),
        ("Fot. archiwum", "caption_prefixes"),
        ("Robotnicy w porcie (fot. PAP/Jan Nowak)", "photo_credits"),
        ("Autor: Anna Nowak", "byline_prefixes"),
        ("Źródło: PAP", "source_prefixes"),
        ("Redakcja", "generic_sources"),
    ],
    "fi": [
        ("Lue myös", "related_headers"),
        ("Luetuimmat", "related_headers"),
        ("Lue myös: Satamalakko päättyi", "related_prefixes"),
        ("Kommentit (3)", "comment_headers"),
        ("3 kommenttia artikkeliin ”Satamalakko päättyi”", "comment_count_prefixes"),
        ("Ilmoita asiattomasta", "comment_cues"),
        ("Sähköpostiosoitettasi ei julkaista.", "comment_policy"),
        ("Seuraa meitä", "navigation_headers"),
        ("Etusivu", "menu_entries"),
        ("Sivun alkuun", "menu_entries"),
        ("Avainsanat: talous, maatalous", "tag_prefixes"),
        ("Lukuaika 3 min", "navigation_prefixes"),
        ("© 2024 Esimerkki Media. Kaikki oikeudet pidätetään.", "navigation_phrases"),
        ("Kuva: arkisto", "caption_prefixes"),
        ("Satamatyöläisiä laiturilla. Lehtikuva", "photo_credits"),
        ("Teksti: Liisa Virtanen", "byline_prefixes"),
        ("Lähde: STT", "source_prefixes"),
        ("Toimitus", "generic_sources"),
    ],
    "hu": [
        ("Kapcsolódó cikkek", "related_headers"),
        ("Legolvasottabb", "related_headers"),
        ("Kapcsolódó: Véget ért a kikötői sztrájk", "related_prefixes"),
        ("Hozzászólások (8)", "comment_headers"),
        ("3 hozzászólás a(z) „Véget ért a sztrájk” bejegyzéshez", "comment_count_prefixes"),
        ("Szólj hozzá", "comment_cues"),
        ("Az e-mail címet nem tesszük közzé.", "comment_policy"),
        ("Kövess minket", "navigation_headers"),
        ("Címlap", "menu_entries"),
        ("Vissza a tetejére", "menu_entries"),
        ("Címkék: gazdaság, mezőgazdaság", "tag_prefixes"),
        ("Olvasási idő: 3 perc", "navigation_prefixes"),
        ("© 2024 Példa Média. Minden jog fenntartva.", "navigation_phrases"),
        ("Fotó: archív", "caption_prefixes"),
        ("Munkások a kikötőben (MTI Fotó)", "photo_credits"),
        ("Szerző: Kovács Péter", "byline_prefixes"),
        ("Forrás: MTI", "source_prefixes"),
        ("Szerkesztőség", "generic_sources"),
    ],
    "cs": [
        ("Čtěte také", "related_headers"),
        ("Nejčtenější", "related_headers"),
        ("Čtěte také: Stávka v přístavu skončila", "related_prefixes"),
        ("Diskuse (12)", "comment_headers"),
        ("3 komentáře k „Stávka v přístavu skončila“", "comment_count_prefixes"),
        ("Odpovědět", "comment_cues"),
        ("Vaše e-mailová adresa nebude zveřejněna.", "comment_policy"),
        ("Sledujte nás", "navigation_headers"),
        ("Hlavní strana", "menu_entries"),
        ("Zpět nahoru", "menu_entries"),
        ("Štítky: ekonomika, zemědělství", "tag_prefixes"),
        ("Doba čtení: 3 minuty", "navigation_prefixes"),
        ("© 2024 Příklad Media. Všechna práva vyhrazena.", "navigation_phrases"),
        ("Ilustrační foto", "caption_prefixes"),
        ("Dělníci v přístavu. ČTK/Jan Novák", "photo_credits"),
        ("Autor: Jana Nováková", "byline_prefixes"),
        ("Zdroj: ČTK", "source_prefixes"),
        ("Redakce", "generic_sources"),
    ],
    "id": [
        ("Baca juga", "related_headers"),
        ("Berita terkait", "related_headers"),
        ("Baca juga: Mogok pekerja pelabuhan berakhir", "related_prefixes"),
        ("Komentar (4)", "comment_headers"),
        ("3 komentar pada “Mogok pekerja pelabuhan berakhir”", "comment_count_prefixes"),
        ("Laporkan komentar", "comment_cues"),
        ("Alamat email Anda tidak akan dipublikasikan.", "comment_policy"),
        ("Ikuti kami", "navigation_headers"),
        ("Beranda", "menu_entries"),
        ("Kembali ke atas", "menu_entries"),
        ("Topik: ekonomi, pertanian", "tag_prefixes"),
        ("Waktu baca 3 menit", "navigation_prefixes"),
        ("© 2024 Contoh Media. Hak cipta dilindungi undang-undang.", "navigation_phrases"),
        ("Ilustrasi pelabuhan", "caption_prefixes"),
        ("Pekerja di dermaga. ANTARA FOTO/Budi Santoso", "photo_credits"),
        ("Penulis: Budi Santoso", "byline_prefixes"),
        ("Sumber: Antara", "source_prefixes"),
        ("Tim Redaksi", "generic_sources"),
    ],
    "ko": [
        ("관련기사", "related_headers"),
        ("많이 본 뉴스", "related_headers"),
        ("[관련기사] 항만 파업 끝나", "related_prefixes"),
        ("댓글 (3)", "comment_headers"),
        ("답글", "comment_cues"),
        ("첫 댓글을 남겨주세요.", "comment_policy"),
        ("전체메뉴", "navigation_headers"),
        ("맨위로", "menu_entries"),
        ("글자크기", "menu_entries"),
        ("태그: 경제, 농업", "tag_prefixes"),
        ("<저작권자 ⓒ 예시일보, 무단전재 및 재배포 금지>", "navigation_prefixes"),
        ("Copyright © 예시일보 무단전재 및 재배포 금지", "navigation_phrases"),
        ("[사진=연합뉴스]", "caption_prefixes"),
        ("부두에서 일하는 노동자들. 연합뉴스 자료사진", "photo_credits"),
        ("글=홍길동 기자", "byline_prefixes"),
        ("출처: 통계청", "source_prefixes"),
        ("온라인뉴스팀", "generic_sources"),
    ],
    "no": [
        ("Les også", "related_headers"),
        ("Mest lest", "related_headers"),
        ("Les også: Havnestreiken er over", "related_prefixes"),
        ("Kommentarer (6)", "comment_headers"),
        ("3 kommentarer til «Havnestreiken er over»", "comment_count_prefixes"),
        ("Rapporter kommentar", "comment_cues"),
        ("E-postadressen din vil ikke bli publisert.", "comment_policy"),
        ("Følg oss", "navigation_headers"),
        ("Forsiden", "menu_entries"),
        ("Til toppen", "menu_entries"),
        ("Stikkord: økonomi, landbruk", "tag_prefixes"),
        ("Lesetid 3 minutter", "navigation_prefixes"),
        ("© 2024 Eksempel Media. Alle rettigheter forbeholdt.", "navigation_phrases"),
        ("Illustrasjonsfoto", "caption_prefixes"),
        ("Havnearbeidere på kaia. Foto: Ola Nordmann / NTB", "photo_credits"),
        ("Tekst: Kari Nordmann", "byline_prefixes"),
        ("Kilde: NTB", "source_prefixes"),
        ("Redaksjonen", "generic_sources"),
    ],
}

#: Ordinary news sentences per language: none may match a boilerplate key.
PROSE: dict[str, list[str]] = {
    "pl": [
        "Rada miasta zatwierdziła we wtorek budżet na budowę nowego mostu na rzece.",
        "Rolnicy powiedzieli, że susza zmniejszyła w tym roku zbiory pszenicy o dwadzieścia procent.",
        "Minister zapowiedział, że szkoły zostaną otwarte we wrześniu, a pensje nauczycieli wzrosną.",
    ],
    "fi": [
        "Kaupunginvaltuusto hyväksyi tiistaina talousarvion uuden sillan rakentamiseksi joen yli.",
        "Viljelijöiden mukaan kuivuus pienensi tänä vuonna vehnäsatoa kaksikymmentä prosenttia.",
        "Ministeri ilmoitti, että koulut avataan syyskuussa ja opettajien palkat nousevat.",
    ],
    "hu": [
        "A városi közgyűlés kedden elfogadta az új folyami híd építésének költségvetését.",
        "A gazdák szerint az aszály idén húsz százalékkal csökkentette a búzatermést.",
        "A miniszter bejelentette, hogy az iskolák szeptemberben nyitnak, és a tanárok fizetése emelkedik.",
    ],
    "cs": [
        "Městské zastupitelstvo v úterý schválilo rozpočet na stavbu nového mostu přes řeku.",
        "Zemědělci uvedli, že sucho letos snížilo úrodu pšenice o dvacet procent.",
        "Ministr oznámil, že školy se otevřou v září a platy učitelů porostou.",
    ],
    "id": [
        "Dewan kota pada Selasa menyetujui anggaran pembangunan jembatan baru di atas sungai itu.",
        "Para petani mengatakan kekeringan tahun ini mengurangi panen gandum hingga dua puluh persen.",
        "Menteri mengumumkan bahwa sekolah akan dibuka kembali pada September dan gaji guru akan naik.",
    ],
    "ko": [
        "시의회는 화요일 강에 새 다리를 짓는 예산안을 승인했으며 공사는 내년에 시작될 예정이다.",
        "농민들은 올해 가뭄으로 밀 수확량이 20% 줄었다고 말했다.",
        "장관은 학교가 9월에 다시 문을 열고 교사 급여가 인상될 것이라고 발표했다.",
    ],
    "no": [
        "Bystyret vedtok tirsdag budsjettet for byggingen av den nye brua over elva.",
        "Bøndene sier at tørken har redusert hveteavlingen med tjue prosent i år.",
        "Statsråden kunngjorde at skolene åpner igjen i september, og at lærerlønningene skal øke.",
    ],
}

#: Agency spellings of these languages and the canonical name the other files use.
AGENCIES = [
    ("PAP", "PAP"),
    ("Polska Agencja Prasowa", "PAP"),
    ("STT", "STT"),
    ("Suomen Tietotoimisto", "STT"),
    ("MTI", "MTI"),
    ("Magyar Távirati Iroda", "MTI"),
    ("ČTK", "ČTK"),
    ("Česká tisková kancelář", "ČTK"),
    ("ANTARA News", "Antara News"),
    ("Kantor Berita Antara", "Antara News"),
    ("연합뉴스", "Yonhap"),
    ("뉴시스", "Newsis"),
    ("로이터", "Reuters"),
    ("AFP통신", "AFP"),
    ("NTB", "NTB"),
    ("Norsk Telegrambyrå", "NTB"),
    ("RIA Nowosti", "RIA Novosti"),
]

@pytest.mark.parametrize(
    "line",
    [
        "Jarak antara kedua kota itu sekitar seratus kilometer.",  # "antara": "between"
        "Seorang pria bernama Budi ditemukan di rumahnya.",
        "Ona powiedziała, że pap nie lubi.",
    ],
)
def test_common_words_spelled_like_agencies_name_none(line: str) -> None:
    """Antara is also Indonesian "between": only its longer spellings name the agency."""
    assert load().find_agency(line) is None
