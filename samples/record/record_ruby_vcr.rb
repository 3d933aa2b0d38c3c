# Record the Ruby VCR samples against fake_api.py with Net::HTTP.
#
#   apt-get install -y ruby ruby-vcr ruby-webmock
#   samples/record/with_fake_api.sh ruby samples/record/record_ruby_vcr.rb
#
# Writes samples/ruby-vcr/*.yml and samples/json/ruby_*.json (old files are
# removed first, since record: :once replays an existing cassette).
require "json"
require "net/http"
require "uri"
require "fileutils"
require "vcr"
require "webmock"

HERE = File.expand_path(__dir__)
SAMPLES = File.dirname(HERE)
S = JSON.parse(File.read(File.join(HERE, "fake_secrets.json")))
BASE = ENV.fetch("FAKE_API_URL")

VCR.configure do |c|
  c.cassette_library_dir = SAMPLES
  c.hook_into :webmock
  c.default_cassette_options = { record: :once }
end

def fresh(name, ext)
  path = File.join(SAMPLES, "#{name}.#{ext}")
  FileUtils.rm_f(path)
  name
end

def post_json(path, obj, headers = {})
  uri = URI(BASE + path)
  Net::HTTP.start(uri.host, uri.port) do |http|
    req = Net::HTTP::Post.new(uri, { "Content-Type" => "application/json" }.merge(headers))
    req.body = JSON.generate(obj)
    http.request(req)
  end
end

def get(path, headers = {})
  uri = URI(BASE + path)
  Net::HTTP.start(uri.host, uri.port) do |http|
    http.request(Net::HTTP::Get.new(uri, headers))
  end
end

CHAT = {
  model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true },
  messages: [{ role: "user", content: "What's the weather in Florence?" }],
  tools: [{ type: "function", function: { name: "get_weather",
                                          parameters: { type: "object", properties: { location: { type: "string" } } } } }]
}.freeze
OPENAI_AUTH = { "Authorization" => "Bearer #{S['openai_key']}" }.freeze

# 1. OpenAI chat SSE, Psych YAML
VCR.use_cassette(fresh("ruby-vcr/openai_chat_streaming", "yml")) do
  post_json("/v1/chat/completions", CHAT, OPENAI_AUTH)
end

# 2. Anthropic SSE with preserve_exact_body_bytes -> base64_string
VCR.use_cassette(fresh("ruby-vcr/anthropic_preserve_exact_body_bytes", "yml"), preserve_exact_body_bytes: true) do
  post_json("/v1/messages",
            { model: "claude-fake-4-5", max_tokens: 1024, stream: true,
              messages: [{ role: "user", content: "Say hi in Portuguese" }] },
            { "x-api-key" => S["anthropic_key"], "anthropic-version" => "2023-06-01" })
end

# 3. Binary bodies without preserve_exact_body_bytes -> !binary
VCR.use_cassette(fresh("ruby-vcr/binary_bodies", "yml")) do
  get("/v1/files/blob", OPENAI_AUTH)
  # an explicit Accept-Encoding stops Net::HTTP from inflating: the gzip bytes are recorded
  get("/v1/models", OPENAI_AUTH.merge("Accept-Encoding" => "gzip"))
end

# 4. OpenRouter SSE (comment lines)
VCR.use_cassette(fresh("ruby-vcr/openrouter_streaming", "yml")) do
  post_json("/api/v1/chat/completions", CHAT.merge(model: "fake/fake-model-1"),
            { "Authorization" => "Bearer #{S['openrouter_key']}", "HTTP-Referer" => "https://example.invalid/cassette" })
end

# 5. Auth flows: JSON password/api_key, form client_secret, Cookie, Set-Cookie
VCR.use_cassette(fresh("ruby-vcr/auth_mixed", "yml")) do
  post_json("/v1/login", { username: "fake-user", password: S["password"], api_key: S["api_key_field"] })
  uri = URI(BASE + "/oauth/token")
  Net::HTTP.post_form(uri, "grant_type" => "client_credentials", "client_id" => S["client_id"],
                           "client_secret" => S["client_secret"])
  get("/v1/status", { "Cookie" => "session=#{S['session_cookie']}" })
end

# 6. JSON serializer
VCR.use_cassette(fresh("json/ruby_openai_chat", "json"), serialize_with: :json) do
  post_json("/v1/chat/completions", CHAT, OPENAI_AUTH)
  post_json("/v1/messages?ascii=1",
            { model: "claude-fake-4-5", max_tokens: 256, stream: true,
              messages: [{ role: "user", content: "Say hi in Portuguese" }] },
            { "x-api-key" => S["anthropic_key"], "anthropic-version" => "2023-06-01" })
end

puts "VCR #{VCR.version}, WebMock #{WebMock::VERSION}, Psych #{Psych::VERSION} (libyaml #{Psych::LIBYAML_VERSION}), ruby #{RUBY_VERSION}"
