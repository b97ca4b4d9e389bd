"""Share prices and moves in French, Italian, Spanish and German briefs ("a terminé la séance de
vendredi à 244,22 dollars, en hausse de 9,6 %", "ha chiuso a 352,84 dollari, in rialzo del 2,6 %",
"cerró en 105,20 dólares, con una caída del 4,0 %", "schloss bei 241,73 Dollar, ein Minus von 2,1
Prozent").

Wire services and portals publish the same market brief in several languages; the figures are as
checkable as in English. The English readers do not see these words, so this module reads them with
its own cue lists, the weekday and month names the date finder does not know, and the same claim
fields. It only reads a sentence written in one of these languages (its function words say so), so
English copy is untouched.
"""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from typing import Any, Optional

from ...dates import DateMention
from ...text import Span
from .context import Sentence, _Candidate, _Context, _in_focus

# a sentence in one of the four languages: two or more of their function words
_FUNCTION_WORDS = re.compile(
    r"\b(?:le|la|les|des|du|au|aux|est|a|été|sur|dans|avec|il|di|del|della|dello|ha|è|era|nel|nella|con|"
    r"el|los|las|del|en|una|fue|sus|der|die|das|und|bei|nach|um|ist|hat|im|auf|avait|était|après|avant|aveva|dopo|prima|"
    r"había|tras|después|hatte|war|titre|titolo|t[íi]tulo|séance|seduta|sesi[óo]n)\b|\b(?:l|d|s|qu|dell|all|nell)['\u2019]",
    re.I,
)
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|shares|stock|was|were|is|has|at|to|on|with|after|its)\b", re.I)

_WEEKDAYS = {
    0: r"lundi|luned[iì]|lunes|Montag",
    1: r"mardi|marted[iì]|martes|Dienstag",
    2: r"mercredi|mercoled[iì]|mi[ée]rcoles|Mittwoch",
    3: r"jeudi|gioved[iì]|jueves|Donnerstag",
    4: r"vendredi|venerd[iì]|viernes|Freitag",
}
_MONTHS = {
    1: r"janvier|gennaio|enero|Januar", 2: r"f[ée]vrier|febbraio|febrero|Februar", 3: r"mars|marzo|M[äa]rz",
    4: r"avril|aprile|abril|April", 5: r"mai|maggio|mayo|Mai", 6: r"juin|giugno|junio|Juni", 7: r"juillet|luglio|julio|Juli",
    8: r"ao[uû]t|agosto|August", 9: r"septembre|settembre|se?ptiembre|September", 10: r"octobre|ottobre|octubre|Oktober",
    11: r"novembre|noviembre|November", 12: r"d[ée]cembre|dicembre|diciembre|Dezember",
}
_WEEKDAY_RE = re.compile(r"\b(?P<w>" + "|".join(f"(?P<w{i}>{p})" for i, p in _WEEKDAYS.items()) + r")\b", re.I)
_MONTH_DAY_RE = re.compile(
    r"\b(?P<d>[0-3]?\d)(?:er|\.)?\s+(?:de\s+)?(?P<m>" + "|".join(f"(?P<m{i}>{p})" for i, p in _MONTHS.items()) + r")\b"
    r"(?:\s+(?:de\s+)?(?P<y>(?:19|20)\d{2}))?",
    re.I,
)
_RELATIVE_DAY = re.compile(r"\b(?P<r>hier|ieri|ayer|gestern|aujourd['\u2019]hui|oggi|hoy|heute)\b", re.I)


def _days(text: str, ref: Optional[dt.date], start: int, end: int) -> list[DateMention]:
    """Weekdays ("vendredi", "mercoledì"), day-month dates ("5 giugno", "el 5 de junio") and
    yesterday/today, each the latest such day on or before publication."""
    if ref is None:
        return []
    out: list[DateMention] = []
    for m in _MONTH_DAY_RE.finditer(text, start, end):
        month = next(i for i in _MONTHS if m[f"m{i}"])
        year = int(m["y"]) if m["y"] else ref.year
        try:
            day = dt.date(year, month, int(m["d"]))
        except ValueError:
            continue
        if not m["y"] and day > ref:
            day = day.replace(year=year - 1)
        out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=day, relative=not m["y"]))
    for m in _WEEKDAY_RE.finditer(text, start, end):
        if any(d.start <= m.start() < d.end or m.start() <= d.start < m.end() + 12 for d in out):
            continue  # "Venerdì 5 giugno": the date says which Friday
        weekday = next(i for i in _WEEKDAYS if m[f"w{i}"])
        day = ref - dt.timedelta(days=(ref.weekday() - weekday) % 7)
        out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=day, relative=True))
    for m in _RELATIVE_DAY.finditer(text, start, end):
        back = 1 if m["r"].lower() in ("hier", "ieri", "ayer", "gestern") else 0
        out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=ref - dt.timedelta(days=back), relative=True))
    return sorted(out, key=lambda d: d.start)


_HEDGE = r"(?:(?:environ|près de|quelque|circa|quasi|oltre|alrededor de|casi|cerca de|unos|etwa|rund|knapp|fast|un|una|il|lo|de|del)\s+)*"
_PRICE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("close", re.compile(
        r"\b(?:termin[ée]|cl[ôo]tur[ée]|fini|finit|termine|cl[ôo]t|chius[oa]|chiude|terminat[oa]|cerr[óo]|cierra|cerrado|cerrar|cerrando|termin[óo]|"
        r"finaliz[óo]|schloss|schlie(?:ß|ss)t|beendete|ging)\b[^$€£;]{0,60}?\b(?:à|a|en|bei|auf|con|mit)\s+" + _HEDGE + r"$", re.I)),
    ("close", re.compile(r"\b(?:la\s+)?(?:cl[ôo]ture|chiusura|cierre|Schlusskurs)\b[^$€£;.\d]{0,30}?\b(?:de|di|à|a|en|del|von|bei|:)\s+"
                         r"(?:(?:era|è|fue|war|était|stata)\s+)*(?:stata\s+)?(?:di\s+|de\s+)?" + _HEDGE + r"$", re.I)),
    ("high", re.compile(r"\b(?:plus haut|massimo|m[áa]ximo|Hoch|H[öo]chststand|Tageshoch|Rekordhoch)\b[^$€£;.\d]{0,30}?\b(?:de|di|a|à|en|von|bei|del)\s+"
                        + _HEDGE + r"$", re.I)),
    ("low", re.compile(r"\b(?:plus bas|minimo|m[íi]nimo|Tief|Tiefststand|Tagestief)\b[^$€£;.\d]{0,30}?\b(?:de|di|a|à|en|von|bei|del)\s+"
                       + _HEDGE + r"$", re.I)),
    ("intraday", re.compile(r"\b(?:cote|cotait|s['\u2019]échange|s['\u2019]échangeait|quota|quotava|scambia|scambiava|cotiza|cotizaba|"
                            r"notiert|notierte|handelt|handelte)\b[^$€£;.\d]{0,20}?\b(?:à|a|en|bei|um|zu)?\s*" + _HEDGE + r"$", re.I)),
    ("unspecified", re.compile(r"\b(?:vaut|valait|vale|valeva|val[íi]a|kostet|kostete)\b\s+(?:(?:d[ée]sormais|maintenant|ora|adesso|ahora|"
                               r"jetzt|nun|encore|ancora|todav[íi]a|noch)\s+)?" + _HEDGE + r"$", re.I)),
    ("unspecified", re.compile(r"\b(?:mont[ée]e?s?|grimp[ée]|chut[ée]|recul[ée]|baiss[ée]|tomb[ée]|salit[oaie]|sces[oaie]|calat[oaie]|sub[ií][óo]?|"
                               r"subieron|baj[óo]|bajaron|cay[óo]|cayeron|stieg|stiegen|fiel|fielen|sank|kletterte)\b[^$€£;]{0,40}?\b"
                               r"(?:à|a|fino a|hasta|auf|jusqu['\u2019]à)\s+"
                               + _HEDGE + r"$", re.I)),
]
_UP_WORDS = (
    r"en hausse|en progression|a gagn[ée]|gagne|gagnait|a progress[ée]|progresse|a bondi|bondit|s['\u2019]est envol[ée]|s['\u2019]envole|"
    r"a grimp[ée]|grimpe|a pris|prend|la progression atteint|la hausse atteint|une progression|une hausse|un gain|in rialzo|in aumento|in crescita|[èe] salit[oa]|era salit[oa]|"
    r"sale|salito|ha guadagnato|guadagna|aveva guadagnato|[èe] cresciut[oa]|un rialzo|il guadagno [èe]|il rialzo [èe]|"
    r"subi[óo]|sube|avanz[óo]|avanza|gan[óo]|gana|una subida|un alza|un avance|repunt[óo]|se dispar[óo]|el avance (?:es|fue)|la subida (?:es|fue)|"
    r"stieg|steigt|legte|legt|gewann|gewinnt|ein Plus|kletterte|zog an|"
    # plural subjects ("les actions ont gagné", "le azioni sono salite", "las acciones subieron", "die Aktien stiegen")
    r"ont gagn[ée]|ont progress[ée]|ont bondi|ont grimp[ée]|sono salite|hanno guadagnato|subieron|avanzaron|ganaron|stiegen|gewannen|legten"
)
_DOWN_WORDS = (
    r"en baisse|en recul|a c[ée]d[ée]|avait c[ée]d[ée]|c[èe]de|a perdu|avait perdu|perd|a recul[ée]|recule|a chut[ée]|chute|a plong[ée]|plonge|"
    r"a baiss[ée]|a d[ée]viss[ée]|la baisse atteint|une baisse|un recul|une chute|une perte|in calo|in ribasso|in flessione|[èe] scesa?o?|era scesa?o?|scende|ha perso|perde|aveva perso|"
    r"ha ceduto|cede|[èe] calat[oa]|un calo|una perdita|la perdita [èe]|cay[óo]|cae|baj[óo]|baja|perdi[óo]|pierde|retrocedi[óo]|retrocede|"
    r"cedi[óo]|se desplom[óo]|una ca[íi]da|un descenso|un retroceso|la ca[íi]da (?:es|fue)|fiel|f[äa]llt|verlor|verliert|sank|sinkt|"
    r"gab|ein Minus|rutschte|"
    r"ont perdu|ont c[ée]d[ée]|ont recul[ée]|ont chut[ée]|sono scese|hanno perso|hanno ceduto|cayeron|bajaron|perdieron|retrocedieron|"
    r"fielen|verloren|sanken|gaben"
)
# "la progression atteint 7,5 %", "il guadagno del titolo è del 20,2 %": a move noun, then its verb
_NOUN_VERB = r"(?:\s+\S+){0,4}?\s+(?:atteint|est de|s['\u2019][ée]tablit [àa]|[èe]|[èe] stat[oa]|es|fue|ist|betr[äa]gt|lag bei)"
_UP_NOUNS = r"(?:la |le |il |el |der |die )?(?:progression|hausse|gain|guadagno|rialzo|aumento|subida|alza|avance|ganancia|Plus|Zuwachs|Gewinn)"
_DOWN_NOUNS = r"(?:la |le |il |el |der |die )?(?:baisse|recul|chute|perte|calo|ribasso|perdita|ca[íi]da|descenso|p[ée]rdida|Minus|Verlust|R[üu]ckgang)"
_MOVE = re.compile(
    rf"(?:(?P<up>{_UP_WORDS}|{_UP_NOUNS}{_NOUN_VERB})|(?P<down>{_DOWN_WORDS}|{_DOWN_NOUNS}{_NOUN_VERB}))\b(?:\s+(?:de|du|des|del|della|dello|di|d['\u2019]|l['\u2019]|dell['\u2019]|um|von|un|una|il|lo|à|a|es|fue|è|atteint))*\s*"
    r"(?:(?:environ|près de|quelque|circa|quasi|oltre|alrededor de|casi|cerca de|etwa|rund|knapp|fast|plus de|pi[uù] del|m[áa]s del)\s+)?"
    r"(?:(?:de|del|di|un|una|il)\s+)?$",
    re.I,
)
_AFTER_UP_DOWN = re.compile(r"^\s*(?P<up>zu|plus)\b|^\s*(?P<down>nach|moins|minus)\b", re.I)  # "legte 3,1 Prozent zu", "gab 2 % nach"
_WEEK = re.compile(r"\b(?:sur la semaine|cette semaine|sur une semaine|nella settimana|in settimana|questa settimana|sulla settimana|"
                   r"en la semana|esta semana|en una semana|in dieser Woche|auf Wochensicht|seit Wochenbeginn)\b", re.I)
_YTD = re.compile(r"\b(?:depuis le d[ée]but de l['\u2019]ann[ée]e|depuis janvier|da inizio anno|dall['\u2019]inizio dell['\u2019]anno|"
                  r"en lo que va de a[ñn]o|desde (?:principios|comienzos|el inicio) de a[ñn]o|seit Jahresbeginn|seit Jahresanfang)\b", re.I)
_INTRADAY = re.compile(r"\b(?:en s[ée]ance|en cours de s[ée]ance|in giornata|in seduta|durante la seduta|durante la sesi[óo]n|en la sesi[óo]n|"
                       r"im Handelsverlauf|im Tagesverlauf)\b", re.I)
_RECORD = re.compile(r"\b(?:historique|storico|hist[óo]rico|record|Rekord|de tous les temps)\b", re.I)
_STOCK_WORDS = re.compile(
    r"\b(?:action|actions|titre|valeur|titolo|azioni|azione|acci[óo]n|acciones|t[íi]tulo|Aktie|Aktien|Papier|elle)\b|"
    r"\bil\s+(?:a|avait|est|était|s['\u2019]|c[èe]de|perd|gagne|recule|progresse|termine|cl[ôo]ture|grimpe|chute)\b|-Aktie\b",
    re.I,
)
# other markets a brief may quote beside the stock: a currency, an index, a commodity, a bond
_OTHER_ASSETS = re.compile(
    r"(?:\b(?:l['\u2019]|le |la |der |die |il |el |lo )(?:euro|dollar|dollaro|d[óo]lar|Dollar|yen|franc|pound|sterlina|libra)\b)|"
    r"\b(?:Dow|DAX|CAC|FTSE|MIB|IBEX|Nasdaq|S&P|indice|[íi]ndice|Index|p[ée]trole|petrolio|petr[óo]leo|"
    r"[ÖO]l|oro|Gold|bitcoin|obligations?|taux|tassi|bonos?|Anleihen?|Rendite|rendement|rendimento|Brent)\b",
    re.I,
)
_METRIC_WORDS = re.compile(
    r"\b(?:chiffre d['\u2019]affaires|ventes|b[ée]n[ée]fice|r[ée]sultat|effectifs|postes|dividende|ricavi|fatturato|utile|vendite|"
    r"dividendo|ventas|beneficio|ingresos|empleos|Umsatz|Gewinn|Stellen|Dividende|objectif|obiettivo|target|objetivo|Kursziel|"
    r"prix cible|prezzo obiettivo|precio objetivo|Mrd|milliards?|miliardi|millones|millions?|milioni)\b",
    re.I,
)


_ACCENTED = re.compile(r"\b\w*[áéíóúñàèìòùçâêîôûäöüß]\w*\b", re.I)


# "cède 1,2 % à 240,10 dollars", "legte um 3,1 Prozent auf 250,10 Dollar zu": a move, then the price it reached
_MOVE_TO_PRICE = re.compile(
    rf"(?:(?P<up>{_UP_WORDS})|(?P<down>{_DOWN_WORDS}))\b[^$€£;]{{0,40}}?\b(?:à|a|auf|hasta|fino a|jusqu['\u2019]à)\s+" + _HEDGE + r"$",
    re.I,
)


def _is_european(text: str, sent: Span) -> bool:
    body = text[sent.start : sent.end]
    foreign, english = len(_FUNCTION_WORDS.findall(body)), len(_ENGLISH_WORDS.findall(body))
    accented = len(_ACCENTED.findall(body))
    return (foreign >= 2 and english == 0) or (foreign >= 3 and foreign > 2 * english) or (foreign + accented >= 2 and english == 0)


def _day_for(days: list[DateMention], start: int, end: int, sent: Span) -> Optional[DateMention]:
    """The figure's day: the nearest named before it in the sentence, else one right after it."""
    before = [d for d in days if d.end <= start]
    if before:
        return before[-1]
    after = [d for d in days if d.start >= end and d.start - end <= 40]
    return after[0] if after else None


def _subject(ctx: _Context, sent: Span, start: int) -> bool:
    """The stock is the sentence's subject: a stock word or the company before the figure, and no
    currency, index or commodity between them and the figure ("l'euro est monté à 1,08 dollar")."""
    text = ctx.text
    named = [c.end for c in ctx.local if c.start >= sent.start and c.end <= start]
    stock = [m.end() for m in _STOCK_WORDS.finditer(text, sent.start, start)]
    if not named and not stock:
        # "Sur la semaine, la progression atteint 7,5 %": no subject, after sentences about the stock in focus
        return ctx.topic == "stock" and _in_focus(ctx, sent) is not None and not _OTHER_ASSETS.search(text, sent.start, start)
    last = max(named + stock)
    return not _OTHER_ASSETS.search(text, last, start) and not (
        not named and _OTHER_ASSETS.search(text, sent.start, start) and not stock
    )


def prices(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """Share prices of a European-language sentence."""
    text, sent = ctx.text, s.span
    if not s.money or not _is_european(text, sent):
        return []
    days = _days(text, ctx.ref, sent.start, sent.end)
    out: list[_Candidate] = []
    for m in s.money:
        if ctx.is_used(m.start, m.end) or m.scaled or m.value >= 1e6:
            continue
        before = text[max(sent.start, m.start - 90) : m.start]
        if _METRIC_WORDS.search(before[-50:]) or re.match(r"\s*(?:par action|per azione|por acci[óo]n|je Aktie)\b", text[m.end : m.end + 20], re.I):
            continue
        found = next(((basis, hit) for basis, pattern in _PRICE_CUES if (hit := pattern.search(before))), None)
        moved = _MOVE_TO_PRICE.search(before) if found is None else None
        if found is None and moved is None:
            continue
        basis, hit = found if found is not None else ("unspecified", moved)
        trig_start = m.start - len(before) + hit.start()
        if not _subject(ctx, sent, m.start):
            continue
        fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
        window = text[max(sent.start, trig_start - 40) : m.end + 20]
        if basis in ("high", "low") and _RECORD.search(window):
            fields["window"] = "all_time"
        if basis == "unspecified" and _INTRADAY.search(text, sent.start, sent.end):
            fields["basis"] = "intraday"  # "gagne 2 % à 245 dollars en séance"
        inner = _MOVE_TO_PRICE.search(text[trig_start : m.start]) if basis == "close" else None
        if inner is not None:
            fields["direction"] = "up" if inner["up"] else "down"  # "a clôturé en baisse de 1,5 % à 238,20 dollars"
        elif moved is not None:
            fields["direction"] = "up" if moved["up"] else "down"
        elif basis == "unspecified" and re.match(r"(?:mont|grimp|salit|sub|stieg|klett)", hit.group(0), re.I):
            fields["direction"] = "up"
        elif basis == "unspecified" and re.match(r"(?:chut|recul|baiss|tomb|sces|calat|baj|cay|fiel|sank)", hit.group(0), re.I):
            fields["direction"] = "down"
        day = _day_for(days, m.start, m.end, sent)
        if day is not None and day.date:
            fields["date"] = day.date
        elif basis in ("high", "low", "intraday") and _INTRADAY.search(text, sent.start, sent.end):
            # "in giornata il massimo storico di ...": the session of the sentence's close
            day = days[0] if days else None
            if day is not None and day.date:
                fields["date"] = day.date
        ctx.use(m.start, m.end)
        out.append(_Candidate("stock_price", fields, Span(trig_start, m.end), Span(trig_start, m.end), company=_company(ctx, sent, m.start)))
    return out


def moves(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """Share-price moves of a European-language sentence."""
    text, sent = ctx.text, s.span
    if not s.percents or not _is_european(text, sent):
        return []
    days = _days(text, ctx.ref, sent.start, sent.end)
    out: list[_Candidate] = []
    for p in s.percents:
        if p.points or ctx.is_used(p.start, p.end):
            continue
        before = text[max(sent.start, p.start - 70) : p.start]
        after = text[p.end : min(sent.end, p.end + 40)]
        move = _MOVE.search(before)
        tail = _AFTER_UP_DOWN.match(after) if move is None and re.search(r"\b(?:legte|legt|gab|gibt)\b", before, re.I) else None
        if move is None and tail is None and not p.signed:
            continue
        if re.match(r"\s*(?:de|di|del|della|des|der|dei|de los|de las)\s+(?:ses|sus|suoi|sue|seine|la|le|les|los|las|il|its)?\s*"
                     r"(?:effectifs|postes|ventes|revenus|ricavi|dipendenti|ventas|empleados|Belegschaft|capital|capitale)", after, re.I):
            continue
        start = p.start - len(before) + move.start() if move is not None else p.start
        if _METRIC_WORDS.search(text, max(sent.start, start - 40), start) or not _subject(ctx, sent, p.start):
            continue
        if move is not None:
            sign = 1 if move["up"] else -1
        elif tail is not None:
            sign = 1 if tail["up"] else -1
        else:
            sign = 1 if p.value > 0 else -1
        fields: dict[str, Any] = {"kind": "price_change", "percent": abs(p.value) * sign}
        earlier = [x.end for x in list(s.percents) + list(s.money) if x.end <= start]
        later = [x.start for x in list(s.percents) + list(s.money) if x.start >= p.end]
        stop = min([sent.end, p.end + 40] + later)
        semicolon = text.find(";", p.end, stop)
        scope = text[max([sent.start] + earlier) : semicolon if semicolon >= 0 else stop]  # between the figures around it
        if _YTD.search(scope):
            fields["period"] = "ytd"
        elif _WEEK.search(scope):
            fields["period"] = "week"
        else:
            day = _day_for(days, p.start, p.end, sent)
            if day is not None and day.date:
                fields["date"], fields["period"] = day.date, "day"
        ctx.use(p.start, p.end)
        end = p.end + (tail.end() if tail is not None else 0)
        out.append(_Candidate("price_change", fields, Span(start, end), Span(start, end), company=_company(ctx, sent, p.start)))
    return out


def _company(ctx: _Context, sent: Span, pos: int) -> Any:
    named = [c for c in ctx.local if c.end <= pos]
    return named[-1] if named else _in_focus(ctx, sent)

