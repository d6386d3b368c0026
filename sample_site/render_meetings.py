"""HTML of the SBM pages (unfccc.int Drupal markup) and the EB pages (cdm.unfccc.int chrome, ISO-8859-1)."""

from __future__ import annotations

from html import escape

from sample_site.content_meetings import CALLS, SBM_BODY, EbMeeting, MeetingDoc, Regulation, SbmMeeting
from sample_site.render import _page


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def in_meeting_url(m: SbmMeeting) -> str:
    return f"{SBM_BODY}/Supervisory-Body-{m.number}/in-meeting-doc-broadcast-SBM{m.number:03d}"


def call_url(m: SbmMeeting) -> str:
    return f"{CALLS}/SBM{m.number:03d}"


def _sbm_link(d: MeetingDoc) -> str:
    version = f" (version {d.version})" if d.version else ""
    return f'<a href="{escape(d.file)}">{escape(d.reference)}: {escape(d.title)}{version}</a>'


def sbm_list(meetings: tuple[SbmMeeting, ...]) -> str:
    rows = []
    for m in sorted(meetings, key=lambda m: -m.number):
        dates, _, note = m.dates.partition(" (")
        report = " ; ".join(_sbm_link(d) for d in m.docs if d.section == "report")
        available = f'<a href="/node/{m.node}">Available &gt; &gt;</a>' if any(
            d.section == "consideration" for d in m.docs) else ""
        rows.append(f'<tr><td><a href="/node/{m.node}">{_ordinal(m.number)} meeting ({m.code})</a></td>'
                    f"<td>{escape(dates)}{' (' + escape(note) if note else ''}<br>{escape(m.venue)}</td>"
                    f"<td>{available}</td><td>{report}</td></tr>")
    body = ('<h1 class="page-title"><span>Meetings of the Supervisory Body</span></h1>\n'
            '<table class="table"><thead><tr><th>Meeting</th><th>Date and venue</th>'
            "<th>Documents under consideration</th><th>Report and related documents</th></tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")
    return _page("Meetings of the Supervisory Body", body, "path-node page-node-type-page")


def sbm_meeting(m: SbmMeeting) -> str:
    title = f"{_ordinal(m.number)} meeting of the Article 6.4 Supervisory Body ({m.code})"
    dates = m.dates.split(" (")[0]
    parts = [
        '<div class="field field--name-field-event-type"><div class="field--item">Constituted Body meetings and '
        "events</div></div>",
        f'<h1 class="page-title"><span>{escape(title)}</span></h1>',
        f'<div class="field field--name-field-event-date"><div class="field--item">{escape(dates)}</div></div>',
        '<div class="field field--name-field-event-time"><div class="field--item">09:00h - 18:00h</div></div>',
        f'<div class="field field--name-field-event-location"><div class="field--item">{escape(m.venue)}</div></div>',
    ]
    report = [d for d in m.docs if d.section == "report"]
    if report:
        parts.append(f"<h2>Meeting report and approved documents - {m.code} meeting webcast</h2><ul>"
                     + "".join(f"<li>{_sbm_link(d)}</li>" for d in report) + "</ul>")
    if m.in_meeting:
        parts.append(f'<p><a href="{escape(in_meeting_url(m))}">In-meeting documents</a></p>')
    if m.call_for_input:
        parts.append(f'<p><a href="{escape(call_url(m))}">Call for input on the annotated agenda</a></p>')
    parts.append("<h2>Agenda and documents under consideration</h2>")
    consideration = [d for d in m.docs if d.section == "consideration"]
    for number, item in m.agenda if consideration else ():
        tag = "h3" if "." not in number else "h4"
        parts.append(f"<{tag}>{escape(number)}. {escape(item)}</{tag}>")
        docs = [d for d in consideration if d.agenda == number]
        if docs:
            parts.append("<p>Under consideration:</p><ul>" + "".join(
                f'<li><a href="{escape(d.file)}">{escape(d.reference)} – {escape(d.title)}'
                + (f" (version {d.version})" if d.version else "") + "</a></li>" for d in docs) + "</ul>")
    if not consideration:
        parts.append("<p>The provisional agenda and the annotated agenda will be published here.</p>")
    return _page(title, "\n".join(parts), "path-node page-node-type-event")


def sbm_in_meeting(m: SbmMeeting) -> str:
    items = "".join(f'<li><a href="{escape(url)}">{escape(title)} (version {escape(stamp)}hrs)</a></li>'
                    for title, stamp, url in m.in_meeting)
    body = (f'<h1 class="page-title"><span>In-meeting documents: {_ordinal(m.number)} meeting of the '
            f"Supervisory Body ({m.code})</span></h1>\n<ul>{items}</ul>")
    return _page(f"In-meeting documents SBM{m.number:03d}", body, "path-node page-node-type-page")


def sbm_call(m: SbmMeeting) -> str:
    assert m.call_for_input is not None
    until, annexes = m.call_for_input
    subject = f"SBM{m.number:03d} - annotated agenda and related annexes"
    body = (f'<h1 class="page-title"><span>Call for input: {subject}</span></h1>\n'
            f"<p>The Supervisory Body invites stakeholders to provide input on the annotated agenda of its "
            f"{_ordinal(m.number)} meeting and related annexes. The call for input is open until {until}.</p>\n"
            f"<p>Inputs on Annex 2 and Annex 3 may be submitted until {annexes}.</p>\n"
            f'<p>Inputs should be sent to <a href="mailto:A6.4mechanism-info@unfccc.int">'
            f'A6.4mechanism-info@unfccc.int</a> with the subject line "{subject}".</p>')
    return _page(f"Call for input: SBM{m.number:03d}", body, "path-node page-node-type-page")


def sbm_rules(regulations: tuple[Regulation, ...]) -> str:
    parts = ['<h1 class="page-title"><span>Rules and regulations</span></h1>']
    for category in dict.fromkeys(r.category for r in regulations):
        rows = "".join(f'<tr><td><a href="{escape(r.file)}">{escape(r.title)} (version {r.version})</a></td>'
                       f"<td>{r.year}</td><td>{r.reference}</td></tr>"
                       for r in regulations if r.category == category)
        parts.append(f"<h2>{escape(category)}</h2><table class=\"table\"><thead><tr><th>Title</th><th>Year</th>"
                     f"<th>Symbol number</th></tr></thead><tbody>{rows}</tbody></table>")
    return _page("Rules and regulations", "\n".join(parts), "path-node page-node-type-page")


_CDM_HEAD = """
<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<head>
    <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
    <title>CDM: {title}</title>
    <link rel="stylesheet" href="/style/style.css" type="text/css" media="screen">
</head>
<body>
	<ul id="macronav"><li><a href="https://unfccc.int/">Home</a></li><li class="this"><a href="/">CDM</a></li></ul>
	<div id="container"><div id="content">
		<div id="micronav">Your location: <a href="/index.html">Home</a> &gt;
			<a href="/EB/index.html">Executive Board</a></div>
		<div id="localtime">&emsp; 09:12 25 May 26</div>
		<div id="cols" class=""><div id="main" role="main">
			<div class="mH header"><div>{header}</div></div>
"""
_CDM_TAIL = "\n\t\t</div></div>\n\t</div></div>\n</body>\n"


def _cdm_page(title: str, header: str, body: str) -> bytes:
    html = _CDM_HEAD.format(title=escape(title), header=escape(header)) + body + _CDM_TAIL
    return html.encode("iso-8859-1", "xmlcharrefreplace")


def eb_index(meetings: tuple[EbMeeting, ...]) -> bytes:
    upcoming = next((m for m in meetings if m.status == "Confirmed"), meetings[-1])
    rows = "".join(f'<tr><td><a href="{escape(m.url[len("https://cdm.unfccc.int"):])}">EB {m.number}</a></td>'
                   f"<td>{escape(m.dates)}</td><td>{escape(m.venue)}</td><td>{escape(m.status)}</td></tr>\n"
                   for m in sorted(meetings, key=lambda m: -m.number))
    body = ("<p>Access meeting agendas, annotations, etc., by clicking on the meeting numbers highlighted in "
            "blue.</p>\n"
            f'<p>Next EB Meeting: <a href="{escape(upcoming.url)}">{upcoming.number}</a> Date: '
            f"{escape(upcoming.dates)}</p>\n"
            '<table class="formTable" width="100%"><tr><th>Meeting</th><th>Dates</th><th>Venue</th><th>Status</th>'
            f"</tr>\n{rows}</table>")
    return _cdm_page("Executive Board", "CDM Executive Board", body)


def _eb_link(d: MeetingDoc) -> str:
    version = f" (version {d.version})" if d.version else ""
    label = d.title if d.reference == d.title else f"{d.reference} - {d.title}"
    return f'<li><a href="{escape(d.file[len("https://cdm.unfccc.int"):])}">{escape(label)}{version}</a></li>'


def eb_meeting(m: EbMeeting) -> bytes:
    header = f"{_ordinal(m.number)} meeting of the CDM Executive Board"
    parts = [f"<p><b>Dates:</b> {escape(m.dates)}</p>", "<p><b>Time:</b> 09:00 - 18:00 CET</p>",
             f"<p><b>Venue:</b> {escape(m.venue)}</p>"]
    if m.observer_deadline:
        parts.append(f"<p><b>Observer registration deadline:</b> {escape(m.observer_deadline)}</p>")
    consideration = [d for d in m.docs if d.section == "consideration"]
    report = [d for d in m.docs if d.section == "report"]
    parts.append("<h3>Documents under consideration:</h3>")
    parts.append("<ul>" + "".join(_eb_link(d) for d in consideration) + "</ul>" if consideration
                 else "<p>Documents will be made available here.</p>")
    parts.append("<h3>Meeting report and annexes:</h3>")
    parts.append("<ul>" + "".join(_eb_link(d) for d in report) + "</ul>" if report
                 else "<p>The meeting report will be published after the meeting.</p>")
    return _cdm_page(m.db_id, header, "\n".join(parts))
