// Command govcr1 records the go-vcr format-1 samples (go-vcr 1.2, yaml.v2)
// against fake_api.py. Build offline in GOPATH mode against Debian's
// /usr/share/gocode; see samples/record/record_go_vcr.sh.
package main

import (
	"encoding/json"
	"fmt"
	"io/ioutil"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/dnaeon/go-vcr/recorder"
)

var secrets map[string]string

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// record runs fn with an http.Client whose transport is a fresh go-vcr recorder.
func record(out string, fn func(c *http.Client)) {
	os.Remove(out + ".yaml")
	r, err := recorder.NewAsMode(out, recorder.ModeRecording, nil)
	must(err)
	fn(&http.Client{Transport: r})
	must(r.Stop())
}

func do(c *http.Client, method, u, body string, hdr map[string]string) {
	var req *http.Request
	var err error
	if body == "" {
		req, err = http.NewRequest(method, u, nil)
	} else {
		req, err = http.NewRequest(method, u, strings.NewReader(body))
	}
	must(err)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	must(err)
	ioutil.ReadAll(resp.Body)
	resp.Body.Close()
}

func main() {
	here := os.Args[1]    // samples/record
	outDir := os.Args[2]  // samples/go-vcr-v1
	base := os.Getenv("FAKE_API_URL")
	raw, err := ioutil.ReadFile(filepath.Join(here, "fake_secrets.json"))
	must(err)
	must(json.Unmarshal(raw, &secrets))

	chat := `{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"What's the weather in Florence?"}]}`
	auth := map[string]string{"Authorization": "Bearer " + secrets["openai_key"], "Content-Type": "application/json"}

	// OpenAI chat SSE + a long spaced JSON response (yaml.v2 folds it at 80 columns)
	record(filepath.Join(outDir, "openai_chat_streaming"), func(c *http.Client) {
		do(c, "POST", base+"/v1/chat/completions", chat, auth)
		do(c, "GET", base+"/v1/status", "", map[string]string{"Cookie": "session=" + secrets["session_cookie"]})
	})

	// Anthropic SSE (thinking + text)
	record(filepath.Join(outDir, "anthropic_streaming"), func(c *http.Client) {
		do(c, "POST", base+"/v1/messages",
			`{"model":"claude-fake-4-5","max_tokens":1024,"stream":true,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Say hi in Portuguese"}]}`,
			map[string]string{"X-Api-Key": secrets["anthropic_key"], "Anthropic-Version": "2023-06-01", "Content-Type": "application/json"})
	})

	// Form POST (form: map duplicates the body), JSON login, Gemini SSE with ?key=
	record(filepath.Join(outDir, "auth_form_gemini"), func(c *http.Client) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {secrets["client_id"]},
			"client_secret": {secrets["client_secret"]}}
		do(c, "POST", base+"/oauth/token", form.Encode(),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		do(c, "POST", base+"/v1/login",
			`{"username": "fake-user", "password": "`+secrets["password"]+`", "api_key": "`+secrets["api_key_field"]+`"}`,
			map[string]string{"Content-Type": "application/json"})
		do(c, "POST", base+"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="+secrets["google_key"],
			`{"contents":[{"role":"user","parts":[{"text":"Tell me about Florence"}]}]}`,
			map[string]string{"Content-Type": "application/json"})
	})
}
