// Command govcr2 records go-vcr format-2 samples against fake_api.py.
//
// There is no go-vcr v3/v4 in Debian, so this is a minimal recorder that
// copies what go-vcr v4's recorder stores (pkg/recorder requestHandler) into
// structs with go-vcr v4's field order and yaml tags, then writes them as
// cassette.Save does: "---\n" + yaml output. Two layouts:
//   - stock go-vcr v4.0 (every field, no omitempty, yaml.v3 default 4-space)
//   - charm.land/x/vcr (go-vcr v4 master tags with omitempty, SetIndent(2) +
//     CompactSeqIndent()); needs the patched yaml.v3 (patch_compact_seq.py).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// ---- go-vcr v4.0 tags (stock layout, e.g. examples/fixtures/json-content-type.yaml)

type Request struct {
	Proto            string      `yaml:"proto"`
	ProtoMajor       int         `yaml:"proto_major"`
	ProtoMinor       int         `yaml:"proto_minor"`
	ContentLength    int64       `yaml:"content_length"`
	TransferEncoding []string    `yaml:"transfer_encoding"`
	Trailer          http.Header `yaml:"trailer"`
	Host             string      `yaml:"host"`
	RemoteAddr       string      `yaml:"remote_addr"`
	RequestURI       string      `yaml:"request_uri"`
	Body             string      `yaml:"body"`
	Form             url.Values  `yaml:"form"`
	Headers          http.Header `yaml:"headers"`
	URL              string      `yaml:"url"`
	Method           string      `yaml:"method"`
}

type Response struct {
	Proto            string        `yaml:"proto"`
	ProtoMajor       int           `yaml:"proto_major"`
	ProtoMinor       int           `yaml:"proto_minor"`
	TransferEncoding []string      `yaml:"transfer_encoding"`
	Trailer          http.Header   `yaml:"trailer"`
	ContentLength    int64         `yaml:"content_length"`
	Uncompressed     bool          `yaml:"uncompressed"`
	Body             string        `yaml:"body"`
	Headers          http.Header   `yaml:"headers"`
	Status           string        `yaml:"status"`
	Code             int           `yaml:"code"`
	Duration         time.Duration `yaml:"duration"`
}

type Interaction struct {
	ID       int      `yaml:"id"`
	Request  Request  `yaml:"request"`
	Response Response `yaml:"response"`
}

type Cassette struct {
	Version      int            `yaml:"version"`
	Interactions []*Interaction `yaml:"interactions"`
}

// ---- go-vcr v4 master tags (omitempty), as charm.land/x/vcr writes them

type CRequest struct {
	Proto            string      `yaml:"proto"`
	ProtoMajor       int         `yaml:"proto_major"`
	ProtoMinor       int         `yaml:"proto_minor"`
	ContentLength    int64       `yaml:"content_length"`
	TransferEncoding []string    `yaml:"transfer_encoding,omitempty"`
	Trailer          http.Header `yaml:"trailer,omitempty"`
	Host             string      `yaml:"host"`
	RemoteAddr       string      `yaml:"remote_addr,omitempty"`
	RequestURI       string      `yaml:"request_uri,omitempty"`
	Body             string      `yaml:"body,omitempty"`
	Form             url.Values  `yaml:"form,omitempty"`
	Headers          http.Header `yaml:"headers,omitempty"`
	URL              string      `yaml:"url"`
	Method           string      `yaml:"method"`
}

type CResponse struct {
	Proto            string        `yaml:"proto"`
	ProtoMajor       int           `yaml:"proto_major"`
	ProtoMinor       int           `yaml:"proto_minor"`
	TransferEncoding []string      `yaml:"transfer_encoding,omitempty"`
	Trailer          http.Header   `yaml:"trailer,omitempty"`
	ContentLength    int64         `yaml:"content_length"`
	Uncompressed     bool          `yaml:"uncompressed,omitempty"`
	Body             string        `yaml:"body"`
	Headers          http.Header   `yaml:"headers"`
	Status           string        `yaml:"status"`
	Code             int           `yaml:"code"`
	Duration         time.Duration `yaml:"duration"`
}

type CInteraction struct {
	ID       int       `yaml:"id"`
	Request  CRequest  `yaml:"request"`
	Response CResponse `yaml:"response"`
}

type CCassette struct {
	Version      int             `yaml:"version"`
	Interactions []*CInteraction `yaml:"interactions"`
}

// ---- recorder

type recorder struct {
	inner        http.RoundTripper
	interactions []*Interaction
	keepHeaders  []string // charm's hook: keep only these request headers (nil: keep all)
}

func (rec *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	reqBytes, err := httputil.DumpRequestOut(r, true)
	if err != nil {
		return nil, err
	}
	copied, err := http.ReadRequest(bufio.NewReader(bytes.NewBuffer(reqBytes)))
	if err != nil {
		return nil, err
	}
	if err := copied.ParseForm(); err != nil {
		return nil, err
	}
	reqBody := &bytes.Buffer{}
	if r.Body != nil && r.Body != http.NoBody {
		r.Body = ioutil.NopCloser(io.TeeReader(r.Body, reqBody))
	}
	start := time.Now()
	resp, err := rec.inner.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	respBody, err := ioutil.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	dur := time.Since(start)
	hdr := r.Header.Clone()
	if rec.keepHeaders != nil {
		for k := range hdr {
			keep := false
			for _, h := range rec.keepHeaders {
				if http.CanonicalHeaderKey(h) == k {
					keep = true
				}
			}
			if !keep {
				delete(hdr, k)
			}
		}
	}
	rec.interactions = append(rec.interactions, &Interaction{
		ID: len(rec.interactions),
		Request: Request{
			Proto: r.Proto, ProtoMajor: r.ProtoMajor, ProtoMinor: r.ProtoMinor,
			ContentLength: r.ContentLength, TransferEncoding: r.TransferEncoding, Trailer: r.Trailer,
			Host: r.Host, RemoteAddr: r.RemoteAddr, RequestURI: r.RequestURI,
			Body: reqBody.String(), Form: copied.Form, Headers: hdr,
			URL: r.URL.String(), Method: r.Method,
		},
		Response: Response{
			Proto: resp.Proto, ProtoMajor: resp.ProtoMajor, ProtoMinor: resp.ProtoMinor,
			TransferEncoding: resp.TransferEncoding, Trailer: resp.Trailer,
			ContentLength: resp.ContentLength, Uncompressed: resp.Uncompressed,
			Body: string(respBody), Headers: resp.Header,
			Status: resp.Status, Code: resp.StatusCode, Duration: dur,
		},
	})
	resp.Body = ioutil.NopCloser(bytes.NewReader(respBody))
	return resp, nil
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func save(path string, v interface{}, charm bool) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	if charm {
		enc.SetIndent(2)
		enc.CompactSeqIndent()
	}
	must(enc.Encode(v))
	must(enc.Close())
	must(ioutil.WriteFile(path, buf.Bytes(), 0644))
}

func record(path string, charm bool, keep []string, fn func(c *http.Client)) {
	rec := &recorder{inner: &http.Transport{}, keepHeaders: keep}
	fn(&http.Client{Transport: rec})
	if !charm {
		save(path, &Cassette{Version: 2, Interactions: rec.interactions}, false)
		return
	}
	cc := &CCassette{Version: 2}
	for _, i := range rec.interactions {
		q, s := i.Request, i.Response
		cc.Interactions = append(cc.Interactions, &CInteraction{ID: i.ID,
			Request: CRequest{q.Proto, q.ProtoMajor, q.ProtoMinor, q.ContentLength, q.TransferEncoding,
				q.Trailer, q.Host, q.RemoteAddr, q.RequestURI, q.Body, q.Form, q.Headers, q.URL, q.Method},
			Response: CResponse{s.Proto, s.ProtoMajor, s.ProtoMinor, s.TransferEncoding, s.Trailer,
				s.ContentLength, s.Uncompressed, s.Body, s.Headers, s.Status, s.Code, s.Duration}})
	}
	save(path, cc, true)
}

func do(c *http.Client, method, u, body string, hdr map[string]string) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
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
	here, out := os.Args[1], os.Args[2]
	base := os.Getenv("FAKE_API_URL")
	var S map[string]string
	raw, err := ioutil.ReadFile(filepath.Join(here, "fake_secrets.json"))
	must(err)
	must(json.Unmarshal(raw, &S))
	ua := "Fake-SDK/1.0 (cassette samples)"
	charmKeep := []string{"Accept", "Content-Type", "User-Agent"}

	// ---- stock go-vcr v4 layout (4-space)
	record(filepath.Join(out, "anthropic_streaming.yaml"), false, nil, func(c *http.Client) {
		do(c, "POST", base+"/v1/messages",
			`{"max_tokens":1024,"messages":[{"content":[{"text":"Say hi in Portuguese","type":"text"}],"role":"user"}],"model":"claude-fake-4-5","thinking":{"budget_tokens":1024,"type":"enabled"},"stream":true}`,
			map[string]string{"X-Api-Key": S["anthropic_key"], "Anthropic-Version": "2023-06-01",
				"Content-Type": "application/json", "Accept": "application/json", "User-Agent": ua})
	})
	record(filepath.Join(out, "form_gzip_cookies.yaml"), false, nil, func(c *http.Client) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {S["client_id"]},
			"client_secret": {S["client_secret"]}}
		do(c, "POST", base+"/oauth/token", form.Encode(),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded", "User-Agent": ua})
		do(c, "POST", base+"/v1/login",
			`{"username":"fake-user","password":"`+S["password"]+`","api_key":"`+S["api_key_field"]+`"}`,
			map[string]string{"Content-Type": "application/json", "User-Agent": ua})
		do(c, "GET", base+"/v1/models", "", map[string]string{"Authorization": "Bearer " + S["openai_key"], "User-Agent": ua})
		do(c, "GET", base+"/v1/status", "", map[string]string{"Cookie": "session=" + S["session_cookie"], "User-Agent": ua})
	})
	record(filepath.Join(out, "gemini_sse.yaml"), false, nil, func(c *http.Client) {
		do(c, "POST", base+"/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key="+S["google_key"],
			`{"contents":[{"parts":[{"text":"Tell me about Florence"}],"role":"user"}]}`,
			map[string]string{"Content-Type": "application/json", "User-Agent": ua})
	})

	// ---- charm layout (2-space compact, omitempty)
	record(filepath.Join(out, "openrouter_streaming.yaml"), true, nil, func(c *http.Client) {
		do(c, "POST", base+"/api/v1/chat/completions",
			`{"messages":[{"content":"You are a helpful assistant","role":"system"},{"content":"What's the forecast for Florence?","role":"user"}],"model":"fake/fake-model-1","max_tokens":4000,"stream_options":{"include_usage":true},"tool_choice":"auto","tools":[{"function":{"name":"get_forecast","strict":false,"description":"Get the forecast","parameters":{"properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"],"type":"object"}},"type":"function"}],"usage":{"include":true},"stream":true}`,
			map[string]string{"Authorization": "Bearer " + S["openrouter_key"], "Accept": "application/json",
				"Content-Type": "application/json", "User-Agent": ua})
	})
	record(filepath.Join(out, "charm_bedrock_eventstream.yaml"), true, nil, func(c *http.Client) {
		do(c, "POST", base+"/model/us.anthropic.claude-fake-v1%3A0/invoke-with-response-stream",
			`{"max_tokens":1024,"messages":[{"content":[{"text":"Say hi in Portuguese","type":"text"}],"role":"user"}],"anthropic_version":"bedrock-2023-05-31"}`,
			map[string]string{"Content-Type": "application/json", "Accept": "application/vnd.amazon.eventstream",
				"User-Agent": ua, "X-Amz-Date": "20260302T100000Z", "X-Amz-Security-Token": S["aws_session_token"],
				"Authorization": "AWS4-HMAC-SHA256 Credential=" + S["aws_access_key_id"] +
					"/20260302/us-east-1/bedrock/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=" + S["aws_signature"]})
	})
	record(filepath.Join(out, "charm_openai_responses.yaml"), true, charmKeep, func(c *http.Client) {
		do(c, "POST", base+"/v1/responses", `{"input":"What is 2+2?","model":"gpt-4.1-mini","stream":true}`,
			map[string]string{"Authorization": "Bearer " + S["openai_key"], "Accept": "application/json",
				"Content-Type": "application/json", "User-Agent": ua})
	})
	record(filepath.Join(out, "charm_anthropic_gzip.yaml"), true, nil, func(c *http.Client) {
		do(c, "POST", base+"/v1/messages",
			`{"max_tokens":1024,"messages":[{"content":[{"text":"Say hi in Portuguese","type":"text"}],"role":"user"}],"model":"claude-fake-4-5","stream":true}`,
			map[string]string{"X-Api-Key": S["anthropic_key"], "Anthropic-Version": "2023-06-01",
				"Content-Type": "application/json", "Accept": "application/json", "User-Agent": ua})
		do(c, "GET", base+"/v1/models", "", map[string]string{"Accept": "application/json", "User-Agent": ua})
	})
}
