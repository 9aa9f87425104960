package salle

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conduite/conduite/internal/safetext"
	"github.com/conduite/conduite/questionnaire"
)

//go:embed page.html
var pageFS embed.FS

// page is parsed when first served, not at every start of conduite.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(pageFS, "page.html"))
})

// cookieName is the only cookie: the participant's random token.
const cookieName = "salle"

// web is the phone page: one handler over the room.
type web struct {
	room   *Room
	texts  *questionnaire.Texts
	lang   questionnaire.Lang
	guard  *guard
	lim    limits
	secret []byte

	mu    sync.Mutex
	users map[Participant]*webUser // the phones' tokens; never an address
	view  viewWatch
}

type webUser struct {
	lang questionnaire.Lang
	seen time.Time
}

// viewWatch wakes the pages' refresh requests when what a phone shows
// changes (the step, its phase), not at every vote.
type viewWatch struct {
	key  string
	wake chan struct{}
}

func viewKey(s Snapshot) string {
	return strconv.Itoa(s.Current) + "-" + strconv.Itoa(int(s.Phase)) + "-" + strconv.Itoa(len(s.Steps))
}

func newWeb(r *Room, lang questionnaire.Lang, g *guard, lim limits, secret []byte) *web {
	w := &web{room: r, texts: r.content.Texts, lang: lang, guard: g, lim: lim, secret: secret,
		users: map[Participant]*webUser{}}
	w.view = viewWatch{key: viewKey(r.Snapshot()), wake: make(chan struct{})}
	return w
}

// watch follows the room until ctx ends: wakes the waiting pages, and
// counts as gone the phones not heard of for a while.
func (w *web) watch(ctx context.Context) {
	updates, cancel := w.room.Subscribe()
	defer cancel()
	tick := time.NewTicker(min(w.lim.Gone/4, 30*time.Second))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case s := <-updates:
			w.mu.Lock()
			if k := viewKey(s); k != w.view.key {
				close(w.view.wake)
				w.view = viewWatch{key: k, wake: make(chan struct{})}
			}
			w.mu.Unlock()
		case now := <-tick.C:
			w.mu.Lock()
			var gone []Participant
			for p, u := range w.users {
				if now.Sub(u.seen) > w.lim.Gone {
					gone = append(gone, p)
				}
			}
			w.mu.Unlock()
			for _, p := range gone {
				w.room.Leave(p)
			}
		}
	}
}

func (w *web) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	h := rw.Header()
	nonce := randomString(16)
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+nonce+"'; script-src 'nonce-"+nonce+
		"'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	req := &request{w: w, rw: rw, r: r, nonce: nonce, lang: w.requestLang(r)}
	if !w.guard.allow(r.RemoteAddr) { // a short answer: a flood gets no page rendered
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Retry-After", "1")
		rw.WriteHeader(http.StatusTooManyRequests)
		_, _ = rw.Write([]byte(req.loc().T("salle_err_rate") + "\n"))
		return
	}
	if r.Method == http.MethodPost {
		if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
			req.fail(http.StatusForbidden, questionnaire.NewMsg("salle_err_csrf"))
			return
		}
		r.Body = http.MaxBytesReader(rw, r.Body, w.lim.MaxBody)
		if err := r.ParseForm(); err != nil {
			status := http.StatusBadRequest
			if _, big := errors.AsType[*http.MaxBytesError](err); big {
				status = http.StatusRequestEntityTooLarge
			}
			req.fail(status, questionnaire.NewMsg("salle_err_form"))
			return
		}
	}
	req.p, req.known = w.participant(r)
	if req.known {
		req.lang = w.userLang(req.p)
	}
	switch {
	case r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead):
		req.home()
	case r.URL.Path == "/join" && r.Method == http.MethodPost:
		req.join(r.PostFormValue("code"), true)
	case r.URL.Path == "/vote" && r.Method == http.MethodPost:
		req.vote()
	case r.URL.Path == "/lang" && r.Method == http.MethodPost:
		req.setLang()
	case r.URL.Path == "/state" && r.Method == http.MethodGet:
		req.state()
	case r.URL.Path == "/" || r.URL.Path == "/join" || r.URL.Path == "/vote" || r.URL.Path == "/lang" || r.URL.Path == "/state":
		h.Set("Allow", "GET, POST")
		req.fail(http.StatusMethodNotAllowed, questionnaire.NewMsg("salle_err_form"))
	default:
		req.fail(http.StatusNotFound, questionnaire.NewMsg("salle_err_not_found"))
	}
}

// participant reads the token cookie: known when it is a participant of
// this room (their last visit renews their presence).
func (w *web) participant(r *http.Request) (Participant, bool) {
	c, err := r.Cookie(cookieName)
	if err != nil || len(c.Value) != 32 {
		return "", false
	}
	p := Participant(c.Value)
	w.mu.Lock()
	u, ok := w.users[p]
	if ok {
		u.seen = time.Now()
	}
	w.mu.Unlock()
	return p, ok
}

func (w *web) userLang(p Participant) questionnaire.Lang {
	w.mu.Lock()
	defer w.mu.Unlock()
	if u, ok := w.users[p]; ok {
		return u.lang
	}
	return w.lang
}

// requestLang: ?lang= or the form's lang, then Accept-Language, then the
// room's default.
func (w *web) requestLang(r *http.Request) questionnaire.Lang {
	if l, err := questionnaire.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	for part := range strings.SplitSeq(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if l, err := questionnaire.ParseLang(base); err == nil {
			return l
		}
	}
	return w.lang
}

// csrf is the form token: a keyed hash of the participant's token (or,
// before joining, of the hour), checked in constant time.
func (w *web) csrf(p Participant, hour int64) string {
	m := hmac.New(sha256.New, w.secret)
	if p == "" {
		m.Write([]byte("join:" + strconv.FormatInt(hour, 10)))
	} else {
		m.Write([]byte("vote:" + string(p)))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

func (w *web) csrfOK(p Participant, got string) bool {
	hour := time.Now().Unix() / 3600
	for _, h := range []int64{hour, hour - 1} {
		if hmac.Equal([]byte(w.csrf(p, h)), []byte(got)) {
			return true
		}
		if p != "" {
			break
		}
	}
	return false
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// request is one request being answered.
type request struct {
	w     *web
	rw    http.ResponseWriter
	r     *http.Request
	nonce string
	lang  questionnaire.Lang
	p     Participant
	known bool
}

func (q *request) loc() questionnaire.Localizer { return q.w.texts.For(q.lang) }

// fail answers status with the page (a join form or the room) and the
// message.
func (q *request) fail(status int, err error) {
	q.render(status, q.loc().Error(err), "")
}

func (q *request) home() {
	if !q.known {
		if code := q.r.URL.Query().Get("code"); code != "" {
			q.join(code, false) // the QR code's URL: no form to post
			return
		}
		q.render(http.StatusOK, "", "")
		return
	}
	if err := q.w.room.Rejoin(q.p); err != nil {
		q.fail(statusOf(err), err)
		return
	}
	notice := ""
	if q.r.URL.Query().Get("ok") == "1" {
		notice = q.loc().T("salle_web_voted")
	}
	q.render(http.StatusOK, "", notice)
}

func (q *request) join(code string, form bool) {
	if form && !q.w.csrfOK("", q.r.PostFormValue("csrf")) {
		q.fail(http.StatusForbidden, questionnaire.NewMsg("salle_err_csrf"))
		return
	}
	if l, err := questionnaire.ParseLang(q.r.PostFormValue("lang")); err == nil {
		q.lang = l
	}
	if q.known {
		q.redirect("/")
		return
	}
	if err := q.w.guard.checkCode(q.r.RemoteAddr, q.w.room.code, strings.TrimSpace(code)); err != nil {
		if errors.Is(err, errSlow) {
			q.rw.Header().Set("Retry-After", "60")
		}
		q.fail(statusOf(err), err)
		return
	}
	p, err := q.w.room.Join()
	if err != nil {
		q.fail(statusOf(err), err)
		return
	}
	q.w.mu.Lock()
	q.w.users[p] = &webUser{lang: q.lang, seen: time.Now()}
	q.w.mu.Unlock()
	http.SetCookie(q.rw, &http.Cookie{Name: cookieName, Value: string(p), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode})
	q.redirect("/")
}

func (q *request) vote() {
	if !q.known {
		q.fail(http.StatusForbidden, ErrUnknown)
		return
	}
	if !q.w.csrfOK(q.p, q.r.PostFormValue("csrf")) {
		q.fail(http.StatusForbidden, questionnaire.NewMsg("salle_err_csrf"))
		return
	}
	step, err := strconv.Atoi(q.r.PostFormValue("step"))
	if err != nil {
		q.fail(http.StatusBadRequest, ErrNoStep)
		return
	}
	if err := q.w.room.Rejoin(q.p); err != nil {
		q.fail(statusOf(err), err)
		return
	}
	if err := q.w.room.Vote(q.p, step, q.r.PostForm["v"]); err != nil {
		q.fail(statusOf(err), err)
		return
	}
	q.redirect("/?ok=1")
}

func (q *request) setLang() {
	l, err := questionnaire.ParseLang(q.r.PostFormValue("lang"))
	switch {
	case !q.known:
		q.fail(http.StatusForbidden, ErrUnknown)
		return
	case !q.w.csrfOK(q.p, q.r.PostFormValue("csrf")):
		q.fail(http.StatusForbidden, questionnaire.NewMsg("salle_err_csrf"))
		return
	case err != nil:
		q.fail(http.StatusBadRequest, questionnaire.NewMsg("salle_err_form"))
		return
	}
	q.w.mu.Lock()
	q.w.users[q.p].lang = l
	q.w.mu.Unlock()
	q.redirect("/")
}

// state answers the page's refresh script: the view's key, once it differs
// from k or after a while.
func (q *request) state() {
	if !q.known {
		q.rw.WriteHeader(http.StatusForbidden)
		return
	}
	_ = q.w.room.Rejoin(q.p) // a page still open is a phone in the room (when there is a seat)
	q.w.mu.Lock()
	view := q.w.view
	q.w.mu.Unlock()
	if view.key == q.r.URL.Query().Get("k") {
		t := time.NewTimer(q.w.lim.Wait)
		defer t.Stop()
		select {
		case <-view.wake:
		case <-t.C:
		case <-q.r.Context().Done():
			return
		}
		q.w.mu.Lock()
		view = q.w.view
		q.w.mu.Unlock()
	}
	q.rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = q.rw.Write([]byte(view.key))
}

func (q *request) redirect(to string) {
	http.Redirect(q.rw, q.r, to, http.StatusSeeOther)
}

// statusOf is the HTTP status of a room's or a guard's error.
func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrCode), errors.Is(err, ErrUnknown):
		return http.StatusForbidden
	case errors.Is(err, errSlow):
		return http.StatusTooManyRequests
	case errors.Is(err, ErrFull):
		return http.StatusServiceUnavailable
	case errors.Is(err, ErrClosed), errors.Is(err, ErrPhase):
		return http.StatusConflict
	case errors.Is(err, ErrValue), errors.Is(err, ErrNoStep):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// pageData is what page.html shows.
type pageData struct {
	Lang, Other, Nonce, CSRF, Key, Code, Error, Notice string
	T                                                  map[string]string
	Join, Open, Multi, HasVote                         bool
	Step                                               bool
	StepIndex                                          int
	StepLabel, PhaseLabel, Prompt, Context, MineLabel  string
	Options                                            []pageOption
}

type pageOption struct {
	Value, Label string
	Mine, Answer bool
}

// pageTexts are the page's fixed words: key salle_web_<name>.
var pageTexts = []string{"title", "brand", "join_title", "join_code", "join_button", "join_help", "privacy",
	"other_lang", "multi", "single", "answer_mark", "change", "vote", "lobby_phase", "lobby", "refresh"}

func (q *request) render(status int, errText, notice string) {
	loc := q.loc()
	s := q.w.room.Snapshot()
	d := pageData{Lang: string(q.lang), Other: string(otherLang(q.lang)), Nonce: q.nonce, Key: viewKey(s),
		Error: safetext.Line(errText), Notice: notice, T: map[string]string{}, Join: !q.known}
	for _, k := range pageTexts {
		d.T[k] = loc.T("salle_web_" + k)
	}
	if q.known {
		d.CSRF = q.w.csrf(q.p, 0)
		fillStep(&d, loc, q.w.room, s, q.w.room.Mine(q.p, s.Current))
	} else {
		d.CSRF = q.w.csrf("", time.Now().Unix()/3600)
		d.Code = safetext.Line(q.r.URL.Query().Get("code"))
		if len(d.Code) > 12 {
			d.Code = ""
		}
	}
	h := q.rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", string(q.lang))
	q.rw.WriteHeader(status)
	if q.r.Method == http.MethodHead {
		return
	}
	_ = page().Execute(q.rw, d)
}

func otherLang(l questionnaire.Lang) questionnaire.Lang {
	if l == questionnaire.FR {
		return questionnaire.EN
	}
	return questionnaire.FR
}

// fillStep puts the current step on the page, with the participant's own
// vote.
func fillStep(d *pageData, loc questionnaire.Localizer, r *Room, s Snapshot, mine []string) {
	if s.Current < 0 {
		return
	}
	v := Describe(r.content, loc, s, s.Current)
	d.Step, d.StepIndex, d.Open, d.Multi, d.HasVote = true, s.Current, s.Phase == Voting, v.Multi, len(mine) > 0
	d.StepLabel, d.PhaseLabel, d.Prompt, d.Context = v.Counter, v.Phase, v.Prompt, v.Context
	for _, o := range v.Options {
		d.Options = append(d.Options, pageOption{Value: o.Value, Label: o.Label, Mine: contains(mine, o.Value),
			Answer: s.Phase == Revealed && o.Answer})
	}
	d.MineLabel = v.MineLabel(loc, mine)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
