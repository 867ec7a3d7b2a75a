//! The minutes as one self-contained HTML5 file: the Markdown minutes
//! rendered by pulldown-cmark into a page with embedded, print-friendly CSS.
//! No scripts, no external assets, no links: raw HTML in the Markdown is
//! shown as text (user text is already escaped there; this is the second
//! line of defence), and links or images become their plain text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html::push_html};

use super::markdown::markdown;
use super::model::Minutes;

const STYLE: &str = include_str!("minutes.css");

/// The minutes as a printable HTML page.
pub fn html(m: &Minutes) -> String {
    page(&markdown(m), &m.meeting.title, m.draft)
}

/// Minutes Markdown made earlier (the approved minutes, stored as they
/// were approved) as the same printable page, titled `title`.
pub fn html_of_markdown(source: &str, title: &str) -> String {
    page(source, title, false)
}

fn page(source: &str, title: &str, draft: bool) -> String {
    let events = Parser::new_ext(source, Options::ENABLE_TABLES).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        other => Some(other),
    });
    let mut body = String::with_capacity(source.len() * 2);
    push_html(&mut body, events);
    let mark = if draft { " (DRAFT)" } else { "" };
    let class = if draft { " class=\"draft\"" } else { "" };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"plenary\">\n\
         <title>Minutes: {}{mark}</title>\n<style>\n{STYLE}</style>\n</head>\n\
         <body{class}>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&crate::text::escape_control(title))
    )
}

/// Text for an HTML element or attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}
