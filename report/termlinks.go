package report

import (
	"net/url"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/conduite/conduite/internal/lazyregexp"
)

// Glamour wraps words at spaces and at « - » (in lists also at « . », « , »
// …) and cuts a word longer than the line: a URL in running text comes out
// in two pieces, which no reader can copy or type. TerminalLinks lays the
// links of a Markdown text out for a terminal of the given width, before
// glamour sees them:
//   - in a list item, a link goes on a line of its own, where nothing cuts
//     it: its URL when it fits the line, else its host (« eur-lex.europa.eu »);
//   - in running text, where glamour joins the lines, it is shortened to its
//     host, with non-breaking hyphens (U+2011) so that the host stays whole.
//
// A link's text stays, followed by its URL or host. Code spans, code blocks
// and tables are left as they are. Only the terminal gets this: the files
// (Markdown, HTML, JSON) keep every URL as it is.
func TerminalLinks(md string, width int) string {
	if !strings.Contains(md, "://") {
		return md
	}
	lines := strings.Split(md, "\n")
	fenced, item, itemIndent := false, false, ""
	for i, line := range lines {
		trimmed := strings.TrimLeft(line, " ")
		lead := line[:len(line)-len(trimmed)]
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fenced = !fenced
			continue
		case fenced || strings.HasPrefix(trimmed, "|"):
			continue
		case trimmed == "":
			continue // a blank line: a loose list goes on, or not (below)
		}
		if m := listMarker.FindString(trimmed); m != "" {
			item, itemIndent = true, lead+strings.Repeat(" ", len(m))
		} else if lead == "" && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			item = false // a paragraph after a blank line ends the list
		}
		if !strings.Contains(line, "://") {
			continue
		}
		indent := itemIndent
		if lead != "" && !listMarker.MatchString(trimmed) {
			indent = lead
		}
		// The room on a line of its own: the document's margins and the
		// list's indentation.
		room := width - 2*termMargin - termLevelIndent*max(0, len(itemIndent)/2-1)
		lines[i] = layoutLinks(line, item, indent, room)
	}
	return strings.Join(lines, "\n")
}

var (
	listMarker = lazyregexp.New(`^([-*+]|[0-9]{1,9}[.)]) `)
	// An autolink, an inline link, or a bare URL after a space. A
	// backslash before « < » or « [ » escapes it: captured, to leave it.
	// A space is what strings.Fields takes for one (unicode.IsSpace),
	// not only regexp's \s: a vertical tab or a no-break space ends a URL.
	linkRE = lazyregexp.New(strings.NewReplacer("SP", `\s\v\x{85}\p{Z}`).Replace(
		`(\\?)<(https?://[^>SP]+)>` +
			`|(\\?)\[([^\]\n]*)\]\((https?://[^)SP]+)\)` +
			`|(^|[SP])(https?://[^SP<>]+)`))
	// Left at the end of a line whose URL moved to the next one.
	danglingSep = lazyregexp.New(`\s*(—|–|-)?\s*$`)
)

// layoutLinks lays out the links of one line, outside its code spans.
func layoutLinks(line string, item bool, indent string, room int) string {
	const tick = "\ue000" // a private-use character stands for « \` »
	s := strings.ReplaceAll(line, "\\`", tick)
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 { // an unclosed backquote: no code span
		parts = []string{s}
	}
	for i := 0; i < len(parts); i += 2 {
		parts[i] = layoutPart(parts[i], item, indent, room)
	}
	return strings.ReplaceAll(strings.Join(parts, "`"), tick, "\\`")
}

func layoutPart(s string, item bool, indent string, room int) string {
	var b strings.Builder
	last := 0
	for _, m := range linkRE.FindAllStringSubmatchIndex(s, -1) {
		group := func(k int) string {
			if m[2*k] < 0 {
				return ""
			}
			return s[m[2*k]:m[2*k+1]]
		}
		start, end := m[0], m[1]
		var text, link string
		switch {
		case m[4] >= 0: // <url>
			if group(1) != "" {
				continue
			}
			link = group(2)
		case m[10] >= 0: // [text](url)
			if group(3) != "" {
				continue
			}
			text, link = group(4), group(5)
		default: // a bare URL
			start = m[14]
			link = strings.TrimRight(group(7), ".,;:!?)»\"'")
			end = start + len(link)
			if strings.Contains(link, "\\") {
				continue // escaped Markdown inside: not ours to take apart
			}
		}
		u, err := url.Parse(link)
		if err != nil || u.Hostname() == "" {
			continue
		}
		before := s[last:start]
		if item {
			// On a line of its own, the URL if it fits, else its host;
			// what follows on the next line.
			shown := "<" + link + ">"
			if ansi.StringWidth(link) > room {
				shown = hostOf(u)
			}
			head := before + text
			if t := strings.TrimSpace(head); t == "" || listMarker.FindString(t+" ") == t+" " {
				b.WriteString(head) // the line starts with the link
			} else {
				b.WriteString(danglingSep.ReplaceAllString(head, "") + "\\\n" + indent)
			}
			b.WriteString(shown)
			if rest := strings.TrimLeft(s[end:], " "); rest != "" {
				b.WriteString("\\\n" + indent + layoutPart(rest, item, indent, room))
			}
			return b.String()
		}
		// In running text, where glamour joins the lines: the host, which
		// only the hyphens could cut.
		b.WriteString(before)
		if text != "" {
			b.WriteString(text + " (" + hostOf(u) + ")")
		} else {
			b.WriteString(hostOf(u))
		}
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// hostOf is a URL's host as a reader says it (without « www. »), with
// non-breaking hyphens (U+2011) so that the wrapper never cuts it.
func hostOf(u *url.URL) string {
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	return strings.ReplaceAll(h, "-", "\u2011")
}
