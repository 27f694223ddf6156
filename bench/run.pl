#!/usr/bin/perl
# The gateway benchmark: plain nginx proxy_pass against the same nginx
# with ngx_http_llm_translate_module, side by side in one run.
#
#   bench/run.pl [--smoke|--profile] [--out DIR] [--module PATH] [--bin DIR]
#
# --profile: instead, "perf record" the gateway's worker while wrk runs
# the plain and the translated route (concurrency 32), and write where the
# CPU goes (by object and by function) to DIR/perf.md.
#
# Starts two nginx instances on 127.0.0.1: a mock provider (fixed JSON
# bodies with "return 200", SSE streams with the echo module; 1 worker)
# and the gateway under test (1 worker), one server{} per route.  For
# every route and concurrency (1 and 32) it runs wrk for a fixed time and
# records requests/s, p50/p99, the CPU time of the gateway's worker
# (utime+stime from /proc/PID/stat) per request, and the worker's RSS.
# Routes are run in order baseline, candidate, baseline, candidate ... and
# the whole sequence is repeated; the table gives medians of the repeats,
# ratios are medians of the per-repeat ratios.  Then: time to the first
# streamed byte (bench/ttfb, concurrency 1), the added latency at
# concurrency 1 of each non-streaming route (bench/ttfb asking it and its
# baseline in turn, request by request), the CPU per request of the
# non-streaming routes at a held rate (32 connections, each waiting
# BENCH_PACE_MS before every request: the worker is not saturated, so
# its batching is the same for every route), the same with each route
# and its baseline run at once, one on a twin gateway of the same
# configuration (then swapped), key selection cost with
# large key pools; and first of all, on the fresh worker, its RSS with 64
# concurrent long streams.
#
# Environment: BENCH_DURATION (seconds per run, default 2), BENCH_REPEAT
# (default 5), BENCH_CONC (default "1,32"), BENCH_TTFB_N (default 400),
# BENCH_LAT_N (requests to each of a route and its baseline, asked in
# turn, for the added latency at concurrency 1; default 5000),
# BENCH_MAX_REQUESTS (each run stops after that many answers).
# Results: DIR/http.md (the tables), DIR/http.tsv (every run).

use strict;
use warnings;
use File::Path qw(make_path remove_tree);
use File::Basename qw(dirname);
use Cwd qw(abs_path);
use IO::Socket::INET;
use JSON::PP ();
use POSIX qw(floor);
use Time::HiRes qw(time sleep);

my $top = abs_path(dirname(abs_path($0)) . '/..');

my %o = (out => "$top/bench/out", module => "$top/build/gcc/"
         . "ngx_http_llm_translate_module.so", bin => "$top/bench/out/bin");
my ($smoke, $profile) = (0, 0);
while (@ARGV) {
    my $a = shift @ARGV;
    if ($a eq '--smoke') { $smoke = 1; next }
    if ($a eq '--profile') { $profile = 1; next }
    if ($a =~ /^--(out|module|bin)$/) { $o{$1} = shift @ARGV; next }
    die "usage: $0 [--smoke|--profile] [--out DIR] [--module PATH] "
        . "[--bin DIR]\n";
}

make_path($o{out});
$o{$_} = abs_path($o{$_}) for qw(out module bin);

my $DUR    = $ENV{BENCH_DURATION} // ($smoke ? 0.3 : 2);
my $MAXREQ = $ENV{BENCH_MAX_REQUESTS} // 0;                 # 0: no cap
my $REPEAT = $ENV{BENCH_REPEAT}   // ($smoke ? 1 : 5);
my @CONC   = split /,/, ($ENV{BENCH_CONC} // '1,32');
my $TTFB_N = $ENV{BENCH_TTFB_N}   // ($smoke ? 40 : 400);
my $LAT_N  = $ENV{BENCH_LAT_N}    // ($smoke ? 40 : 5000);
my $PACE   = $ENV{BENCH_PACE_MS}  // 2;
my @KEYS   = $smoke ? (1, 1000) : (1, 100, 1000, 5000);
my $NGINX  = $ENV{BENCH_NGINX} // '/usr/sbin/nginx';
my $ECHO   = '/usr/lib/nginx/modules/ngx_http_echo_module.so';
my $TCK    = POSIX::sysconf(POSIX::_SC_CLK_TCK()) || 100;
my $PAGE   = 4096;

-x $NGINX or die "bench: $NGINX not found (apt-get install nginx)\n";
-f $ECHO or die "bench: $ECHO not found "
    . "(apt-get install libnginx-mod-http-echo)\n";
-f $o{module} or die "bench: $o{module} not found (make module)\n";
system('command -v wrk >/dev/null 2>&1') == 0
    or die "bench: wrk not found (apt-get install wrk)\n";
-x "$o{bin}/ttfb" or die "bench: $o{bin}/ttfb not found (make bench)\n";

my $run = "$o{out}/run";
remove_tree($run);
make_path("$run/mock/logs", "$run/gw/logs", "$run/bodies");

my @started;                        # master pids we started
END { stop_all() }
$SIG{INT} = $SIG{TERM} = sub { stop_all(); exit 130 };

sub stop_all {
    for my $pid (@started) {
        kill 'QUIT', $pid if $pid && kill 0, $pid;
    }
    my $t = time + 5;
    for my $pid (@started) {
        sleep 0.05 while kill(0, $pid) && time < $t;
        kill 'KILL', $pid if kill 0, $pid;
    }
    @started = ();
}

my %used_port;
sub free_port {
    for (1 .. 100) {
        my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
                                      LocalPort => 0, Listen => 1,
                                      ReuseAddr => 1) or die $!;
        my $p = $s->sockport;
        close $s;
        next if $used_port{$p}++;
        return $p;
    }
    die "bench: no free port\n";
}

sub spew {
    my ($f, $text) = @_;
    open my $fh, '>', $f or die "bench: $f: $!\n";
    print $fh $text;
    close $fh;
}

sub slurp {
    my ($f) = @_;
    open my $fh, '<', $f or return '';
    local $/;
    return <$fh>;
}

# ---------------------------------------------------------------- bodies

my %body;   # name -> file

{
    my $sys = '{"role":"system","content":"Be brief."}';
    my $usr = '{"role":"user","content":"Say hello to the benchmark in one '
            . 'short sentence, please."}';
    # ~190 bytes, like the peers' figures in the shared performance notes
    my %b = (
        'o'   => qq({"model":"gpt-4o-mini","messages":[$sys,$usr],)
                 . qq("max_tokens":64,"temperature":0.5}),
        'a'   => qq({"model":"claude-sonnet-4-5","max_tokens":64,)
                 . qq("system":"Be brief.","messages":[$usr],)
                 . qq("temperature":0.5}),
        # the model is in Gemini's path
        'g'   => qq({"contents":[{"role":"user","parts":[{"text":"Say )
                 . qq(hello to the benchmark in one short sentence, )
                 . qq(please."}]}],"systemInstruction":{"parts":[{"text":)
                 . qq("Be brief."}]},"generationConfig":{)
                 . qq("maxOutputTokens":64,"temperature":0.5}}),
    );
    $b{'o.s'} = $b{o} =~ s/}$/,"stream":true}/r;
    $b{'a.s'} = $b{a} =~ s/}$/,"stream":true}/r;
    $b{'o.2k'} = slurp("$top/bench/fixtures/chat-tools-2k.json");
    $b{'o.2k'} =~ s/\n//g;
    # the same conversation as an Anthropic client sends it (what the
    # module's OpenAI -> Anthropic translation makes of it)
    $b{'a.2k'} = slurp("$top/bench/fixtures/chat-tools-2k-anthropic.json");
    $b{'a.2k'} =~ s/\n//g;
    # what a coding agent sends: 16 tools with their schemas, 15 KB
    $b{'o.agent'} = slurp("$top/bench/fixtures/chat-tools-agent.json");
    $b{'o.agent'} =~ s/\n//g;
    # the same with every request's 16 schemas new (wrk.lua's vary=N puts
    # the request's number in place of each marker): a last member in
    # every tool's "parameters", so each schema starts as one seen before
    # and differs only near its end, the worst case for the memo of
    # checked values (llm_json_memo.c)
    my $m = '@' x 12;
    my $n = ($b{'o.agent.cold'} = $b{'o.agent'}) =~
        s/"additionalProperties":false\K(?=\},"strict":)
         /,"description":"revision $m"/gx;
    my $tools = JSON::PP::decode_json($b{'o.agent.cold'})->{tools};
    my $ok = grep { ($_->{function}{parameters}{description} // '')
                    eq "revision $m" } @$tools;
    die "bench: $n markers, $ok of the agent's " . @$tools
        . " schemas marked\n" unless $n == @$tools && $ok == @$tools;
    for my $k (keys %b) {
        spew("$run/bodies/$k.json", $b{$k});
        $body{$k} = "$run/bodies/$k.json";
    }
}

# ---------------------------------------------------------------- the mock

# Upstream bodies.  No '$' or '\' in them: nginx strings hold variables.

my $OJSON = '{"id":"chatcmpl-bench01","object":"chat.completion",'
    . '"created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,'
    . '"message":{"role":"assistant","content":"Hello, benchmark! Nice to '
    . 'meet you."},"logprobs":null,"finish_reason":"stop"}],"usage":{'
    . '"prompt_tokens":24,"completion_tokens":9,"total_tokens":33},'
    . '"system_fingerprint":"fp_bench"}';
my $AJSON = '{"id":"msg_bench01","type":"message","role":"assistant",'
    . '"model":"claude-sonnet-4-5","content":[{"type":"text","text":'
    . '"Hello, benchmark! Nice to meet you."}],"stop_reason":"end_turn",'
    . '"stop_sequence":null,"usage":{"input_tokens":24,"output_tokens":9}}';

my $GJSON = '{"candidates":[{"content":{"parts":[{"text":"Hello, '
    . 'benchmark! Nice to meet you."}],"role":"model"},"finishReason":'
    . '"STOP","index":0}],"usageMetadata":{"promptTokenCount":24,'
    . '"candidatesTokenCount":9,"totalTokenCount":33},"modelVersion":'
    . '"gemini-2.0-flash","responseId":"bench01"}';

my $OCHUNK = 'data: {"id":"chatcmpl-bench01","object":"chat.completion.chunk"'
    . ',"created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,'
    . '"delta":%s,"finish_reason":%s}]}\n\n';
my %SSE = (
    o_head  => sprintf($OCHUNK, '{"role":"assistant","content":""}', 'null'),
    o_delta => sprintf($OCHUNK, '{"content":" token"}', 'null'),
    o_tail  => sprintf($OCHUNK, '{}', '"stop"')
        . 'data: {"id":"chatcmpl-bench01","object":"chat.completion.chunk",'
        . '"created":1700000000,"model":"gpt-4o-mini","choices":[],"usage":'
        . '{"prompt_tokens":24,"completion_tokens":20,"total_tokens":44}}'
        . '\n\ndata: [DONE]\n\n',
    a_head  => 'event: message_start\ndata: {"type":"message_start",'
        . '"message":{"id":"msg_bench01","type":"message","role":"assistant",'
        . '"model":"claude-sonnet-4-5","content":[],"stop_reason":null,'
        . '"stop_sequence":null,"usage":{"input_tokens":24,"output_tokens":1}'
        . '}}\n\nevent: content_block_start\ndata: {"type":'
        . '"content_block_start","index":0,"content_block":{"type":"text",'
        . '"text":""}}\n\n',
    a_delta => 'event: content_block_delta\ndata: {"type":'
        . '"content_block_delta","index":0,"delta":{"type":"text_delta",'
        . '"text":" token"}}\n\n',
    a_tail  => 'event: content_block_stop\ndata: {"type":"content_block_stop"'
        . ',"index":0}\n\nevent: message_delta\ndata: {"type":"message_delta"'
        . ',"delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":'
        . '{"output_tokens":20}}\n\nevent: message_stop\ndata: {"type":'
        . '"message_stop"}\n\n',
);

# stream kinds: [events, slices, sleep between slices (s), first-event gap]
my %STREAMS = (
    s20    => [20, 1, 0, 0],
    s1000  => [1000, 1, 0, 0],
    ttfb   => [20, 1, 0, 0.002],
    short  => [100, 20, $smoke ? 0.025 : 0.1, 0],
    long   => [5000, 20, $smoke ? 0.025 : 0.1, 0],
);

my %mport = (json => free_port());
$mport{$_} = free_port() for keys %STREAMS;

sub sse_location {
    my ($d, $spec) = @_;
    my ($n, $slices, $sleep, $gap) = @$spec;
    my $out = "            default_type text/event-stream;\n"
            . "            echo -n '$SSE{\"${d}_head\"}';\n";
    if ($gap) {
        $out .= "            echo -n '$SSE{\"${d}_delta\"}';\n"
              . "            echo_flush;\n            echo_sleep $gap;\n";
        $n--;
    }
    my $per = int($n / $slices);
    for my $i (1 .. $slices) {
        my $k = $i == $slices ? $n - $per * ($slices - 1) : $per;
        $out .= "            echo_duplicate $k '$SSE{\"${d}_delta\"}';\n";
        $out .= "            echo_flush;\n            echo_sleep $sleep;\n"
            if $sleep && $i < $slices;
    }
    $out .= "            echo -n '$SSE{\"${d}_tail\"}';\n";
    return $out;
}

{
    my $servers = <<"EOF";
    server {
        listen 127.0.0.1:$mport{json} backlog=4096;
        location = /v1/chat/completions {
            default_type application/json;
            return 200 '$OJSON';
        }
        location = /v1/messages {
            default_type application/json;
            return 200 '$AJSON';
        }
        location ~ ^/v1beta/models/[^/:]+:generateContent\$ {
            default_type application/json;
            return 200 '$GJSON';
        }
    }
EOF
    for my $k (sort keys %STREAMS) {
        my $o = sse_location('o', $STREAMS{$k});
        my $a = sse_location('a', $STREAMS{$k});
        $servers .= <<"EOF";
    server {
        listen 127.0.0.1:$mport{$k} backlog=4096;
        location = /v1/chat/completions {
$o        }
        location = /v1/messages {
$a        }
    }
EOF
    }

    spew("$run/mock/nginx.conf", <<"EOF");
load_module $ECHO;
worker_processes 1;
error_log logs/error.log warn;
pid logs/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    client_body_buffer_size 1m;
    client_body_temp_path logs/body;
$servers}
EOF
}

# ---------------------------------------------------------------- gateway

# Routes.  base: the plain proxy_pass row a candidate is compared with.
# client/up: dialects; mock: which mock server; body: request body.

my @ROUTES = (
    { id => 'base.o', label => 'plain proxy_pass (OpenAI)',
      client => 'o', up => 'o', mock => 'json', body => 'o' },
    { id => 'pass.o', label => 'module passthrough OpenAI, 3-key rotation',
      base => 'base.o', client => 'o', up => 'o', mock => 'json',
      body => 'o', keys => 3 },
    { id => 'pass.o.lax', label => 'the same, llm_passthrough_strict off',
      base => 'base.o', client => 'o', up => 'o', mock => 'json',
      body => 'o', keys => 3, lax => 1 },
    { id => 'pass.o.static', label => 'the same, proxy_pass to the pool by name',
      base => 'base.o', client => 'o', up => 'o', mock => 'json',
      body => 'o', keys => 3, static => 1 },
    { id => 'xl.o2a', label => 'translated OpenAI → Anthropic',
      base => 'base.o', client => 'o', up => 'a', mock => 'json',
      body => 'o' },
    { id => 'base.a', label => 'plain proxy_pass (Anthropic)',
      client => 'a', up => 'a', mock => 'json', body => 'a' },
    { id => 'xl.a2o', label => 'translated Anthropic → OpenAI',
      base => 'base.a', client => 'a', up => 'o', mock => 'json',
      body => 'a' },
    { id => 'base.o.2k', label => 'plain proxy_pass (OpenAI, 2 KB tools)',
      client => 'o', up => 'o', mock => 'json', body => 'o.2k' },
    { id => 'pass.o.2k', label => 'module passthrough OpenAI, 2 KB tools, 3-key rotation',
      base => 'base.o.2k', client => 'o', up => 'o', mock => 'json',
      body => 'o.2k', keys => 3 },
    { id => 'xl.o2a.2k', label => 'translated OpenAI → Anthropic, 2 KB tools',
      base => 'base.o.2k', client => 'o', up => 'a', mock => 'json',
      body => 'o.2k' },
    { id => 'base.a.2k', label => 'plain proxy_pass (Anthropic, 2 KB tools)',
      client => 'a', up => 'a', mock => 'json', body => 'a.2k' },
    { id => 'xl.a2o.2k', label => 'translated Anthropic → OpenAI, 2 KB tools',
      base => 'base.a.2k', client => 'a', up => 'o', mock => 'json',
      body => 'a.2k' },
    { id => 'base.o.agent', label => 'plain proxy_pass (OpenAI, 15 KB agent, 16 tools)',
      client => 'o', up => 'o', mock => 'json', body => 'o.agent' },
    { id => 'pass.o.agent', label => 'module passthrough OpenAI, 15 KB agent, 3-key rotation',
      base => 'base.o.agent', client => 'o', up => 'o', mock => 'json',
      body => 'o.agent', keys => 3 },
    { id => 'xl.o2a.agent', label => 'translated OpenAI → Anthropic, 15 KB agent',
      base => 'base.o.agent', client => 'o', up => 'a', mock => 'json',
      body => 'o.agent' },
    { id => 'base.o.agent.cold', label => 'plain proxy_pass (OpenAI, 15 KB agent, every request\'s schemas new)',
      client => 'o', up => 'o', mock => 'json', body => 'o.agent.cold',
      vary => 1 },
    { id => 'pass.o.agent.cold', label => 'module passthrough OpenAI, 15 KB agent, every request\'s schemas new, 3-key rotation',
      base => 'base.o.agent.cold', client => 'o', up => 'o', mock => 'json',
      body => 'o.agent.cold', keys => 3, vary => 1 },
    { id => 'xl.o2a.agent.cold', label => 'translated OpenAI → Anthropic, 15 KB agent, every request\'s schemas new',
      base => 'base.o.agent.cold', client => 'o', up => 'a', mock => 'json',
      body => 'o.agent.cold', vary => 1 },
    { id => 'xl.o2g', label => 'translated OpenAI → Gemini',
      base => 'base.o', client => 'o', up => 'g', mock => 'json',
      body => 'o' },
    { id => 'base.g', label => 'plain proxy_pass (Gemini)',
      client => 'g', up => 'g', mock => 'json', body => 'g' },
    { id => 'xl.g2o', label => 'translated Gemini → OpenAI',
      base => 'base.g', client => 'g', up => 'o', mock => 'json',
      body => 'g' },
);

for my $s (qw(s20 s1000)) {
    (my $n = $s) =~ s/^s//;
    push @ROUTES,
      { id => "base.o.$s", label => "plain proxy_pass (OpenAI), $n events",
        client => 'o', up => 'o', mock => $s, body => 'o.s', events => $n },
      { id => "xl.o2a.$s", label => "stream OpenAI ← Anthropic, $n events",
        base => "base.o.$s", client => 'o', up => 'a', mock => $s,
        body => 'o.s', events => $n },
      { id => "base.a.$s", label => "plain proxy_pass (Anthropic), $n events",
        client => 'a', up => 'a', mock => $s, body => 'a.s', events => $n },
      { id => "xl.a2o.$s", label => "stream Anthropic ← OpenAI, $n events",
        base => "base.a.$s", client => 'a', up => 'o', mock => $s,
        body => 'a.s', events => $n };
}

# time to first byte (not in the wrk loop): the mock flushes the first
# event, then waits 2 ms before the rest
my @TTFB = map { { %$_, id => "$_->{id}.ttfb", mock => 'ttfb',
                   base => ($_->{base} ? "$_->{base}.ttfb" : undef) } }
           grep { ($_->{mock} // '') eq 's20' } @ROUTES;

# key pools of growing size, passthrough (not in the main loop)
my @KEYROUTES = map { { id => "keys.$_", label => "passthrough, $_ keys",
                        base => 'base.o', client => 'o', up => 'o',
                        mock => 'json', body => 'o', keys => $_ } } @KEYS;

# 64 concurrent long streams
my @MEMROUTES = map { { id => "mem.$_", client => 'o', up => 'a', mock => $_,
                        body => 'o.s', events => $STREAMS{$_}[0] } }
                qw(short long);

my %D = (o => 'openai', a => 'anthropic', g => 'gemini');
my %AUTH = (o => ['Authorization', 'Bearer sk-bench-0123456789'],
            a => ['x-api-key', 'sk-ant-bench-0123456789'],
            g => ['x-goog-api-key', 'AIza-bench-0123456789']);
my %PATH = (o => '/v1/chat/completions', a => '/v1/messages',
            g => '/v1beta/models/gemini-2.0-flash:generateContent');

my (%upstreams, $servers);
for my $r (@ROUTES, @TTFB, @KEYROUTES, @MEMROUTES) {
    $r->{port} = free_port();
    my $plain = $r->{id} =~ /^base\./;
    my $m = $r->{mock};
    my $stream = $m ne 'json';
    my $hdr = '';
    my $ups;

    if ($plain) {
        $ups = "plain_$m";
        $upstreams{$ups} //= "    upstream $ups {\n"
            . "        server 127.0.0.1:$mport{$m};\n"
            . "        keepalive 64;\n    }\n";
        my ($h, $v) = @{ $AUTH{ $r->{up} } };
        $hdr = "            proxy_set_header $h \"$v\";\n";
        $hdr .= "            proxy_set_header anthropic-version 2023-06-01;\n"
            if $r->{up} eq 'a';
        $hdr .= "            proxy_buffering off;\n" if $stream;
        $r->{conf} = "            proxy_pass http://$ups;\n";

    } elsif ($r->{keys}) {
        $ups = "keys$r->{keys}_$m";
        my $kf = "$run/gw/$ups.keys";
        spew($kf, join '', map { "sk-bench-key-$_-0123456789abcdef id=k$_\n" }
                               1 .. $r->{keys});
        $upstreams{$ups} //= "    upstream $ups {\n"
            . "        server 127.0.0.1:$mport{$m};\n"
            . "        llm_provider $D{$r->{up}} zone=bench;\n"
            . "        llm_key_file $kf;\n"
            . "        keepalive 64;\n    }\n";
        $r->{conf} = "            llm_translate on;\n"
            . ($r->{lax} ? "            llm_passthrough_strict off;\n" : '')
            . "            llm_route default $ups;\n"
            . "            proxy_pass http://"
            . ($r->{static} ? $ups : "\$llm_upstream") . ";\n";

    } else {
        $ups = "llm_$D{$r->{up}}_$m";
        $upstreams{$ups} //= "    upstream $ups {\n"
            . "        server 127.0.0.1:$mport{$m};\n"
            . "        llm_provider $D{$r->{up}};\n"
            . "        keepalive 64;\n    }\n";
        my ($h, $v) = @{ $AUTH{ $r->{up} } };
        $hdr = "            proxy_set_header $h \"$v\";\n";
        $r->{conf} = "            llm_translate on;\n"
            . "            llm_route default $ups;\n"
            . "            proxy_pass http://\$llm_upstream;\n";
    }

    # a proxy_set_header in the location hides the http{} level ones:
    # upstream keep-alive needs Connection "" repeated here
    $hdr = "            proxy_set_header Connection \"\";\n$hdr";

    $servers .= "    server {\n"
        . "        listen 127.0.0.1:$r->{port} backlog=4096;\n"
        . "        location / {\n$hdr$r->{conf}        }\n    }\n";
}

spew("$run/gw/nginx.conf", <<"EOF");
load_module $o{module};
worker_processes 1;
error_log logs/error.log warn;
pid logs/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    client_body_buffer_size 1m;
    client_max_body_size 10m;
    client_body_temp_path logs/body;
    proxy_temp_path logs/proxy;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    llm_keys_zone bench 32m;

@{[ join '', map { $upstreams{$_} } sort keys %upstreams ]}
$servers}
EOF

# the twin gateway: the same configuration on ports of its own, for the
# runs of a route and its baseline at once (each on one of the two)
my %TWIN;   # gw's port -> the twin's
{
    make_path("$run/gw2/logs");
    my $conf = slurp("$run/gw/nginx.conf");
    $conf =~ s{listen 127\.0\.0\.1:(\d+)}
              {"listen 127.0.0.1:" . ($TWIN{$1} = free_port())}ge;
    spew("$run/gw2/nginx.conf", $conf);
}

# ---------------------------------------------------------------- processes

sub start_nginx {
    my ($dir, @ports) = @_;
    my $out = `$NGINX -p $dir/ -c $dir/nginx.conf 2>&1`;
    die "bench: nginx in $dir failed to start:\n$out" if $?;
    my $pid;
    for (1 .. 100) {
        $pid = slurp("$dir/logs/nginx.pid");
        last if $pid;
        sleep 0.05;
    }
    chomp $pid;
    die "bench: no pid for $dir\n" unless $pid;
    push @started, $pid;
    for my $p (@ports) {
        my $t = time + 5;
        until (IO::Socket::INET->new(PeerAddr => "127.0.0.1:$p")) {
            die "bench: port $p of $dir does not answer\n" if time > $t;
            sleep 0.02;
        }
    }
    return $pid;
}

sub workers {
    my ($master) = @_;
    my @w;
    for my $d (glob '/proc/[0-9]*') {
        my $st = slurp("$d/stat") or next;
        my @f = split ' ', ($st =~ /\)\s+(.*)$/s)[0];
        push @w, ($d =~ m{(\d+)$})[0] if $f[1] == $master;
    }
    return @w;
}

# utime + stime of the processes, in microseconds; utime alone with
# user => 1 (the module's code runs there: it adds no system call, and
# the kernel's share, most of the total, is what varies between runs)
sub cpu_us {
    my $t = 0;
    for my $pid (@_) {
        # the time on a CPU in ns (/proc/PID/schedstat), where the kernel
        # keeps it: clock ticks (10 ms) are coarse for a run of 2 s at a
        # held rate
        my $ss = slurp("/proc/$pid/schedstat");
        if ($ss =~ /^(\d+)\s/) {
            $t += $1 / 1000;
            next;
        }
        my $st = slurp("/proc/$pid/stat") or next;
        my @f = split ' ', ($st =~ /\)\s+(.*)$/s)[0];
        $t += ($f[11] + $f[12]) * 1e6 / $TCK;
    }
    return $t;
}

# utime and utime + stime in clock ticks, in microseconds: the user
# share of a run is taken from these, applied to cpu_us's total
sub ticks_us {
    my ($u, $t) = (0, 0);
    for my $pid (@_) {
        my $st = slurp("/proc/$pid/stat") or next;
        my @f = split ' ', ($st =~ /\)\s+(.*)$/s)[0];
        $u += $f[11];
        $t += $f[11] + $f[12];
    }
    return ($u * 1e6 / $TCK, $t * 1e6 / $TCK);
}

sub rss_kb {
    my $t = 0;
    for my $pid (@_) {
        my $st = slurp("/proc/$pid/status");
        $t += $1 if $st =~ /^VmRSS:\s+(\d+)/m;
    }
    return $t;
}

my $mock_master = start_nginx("$run/mock", values %mport);
my $gw_master = start_nginx("$run/gw",
    map { $_->{port} } @ROUTES, @TTFB, @KEYROUTES, @MEMROUTES);
my $gw2_master = start_nginx("$run/gw2", values %TWIN);
my (@mock_w, @gw_w, @gw2_w);
for (1 .. 200) {
    @mock_w = workers($mock_master);
    @gw_w = workers($gw_master);
    @gw2_w = workers($gw2_master);
    last if @mock_w == 1 && @gw_w == 1 && @gw2_w == 1;
    sleep 0.025;
}
die "bench: expected 1 worker each, found mock @mock_w, gateway @gw_w, "
    . "twin @gw2_w\n" unless @mock_w == 1 && @gw_w == 1 && @gw2_w == 1;

sub headers_for {
    my ($r) = @_;
    return () if $r->{id} =~ /^base\./;     # set by the gateway
    my ($h, $v) = @{ $AUTH{ $r->{client} } };
    return ("$h: client-key-not-forwarded");
}

# ---------------------------------------------------------------- check

# One request per route: status 200 and the client's dialect in the body.
sub check_route {
    my ($r) = @_;
    my $url = "http://127.0.0.1:$r->{port}$PATH{$r->{client}}";
    my @h = map { ('-H', $_) } headers_for($r);
    open my $fh, '-|', 'curl', '-sS', '--max-time', '20', '-o', '-',
        '-w', '\n%{http_code}', '-H', 'Content-Type: application/json', @h,
        '--data-binary', "\@$body{$r->{body}}", $url
        or die "bench: curl: $!\n";
    local $/;
    my $out = <$fh>;
    close $fh;
    my ($b, $code) = $out =~ /^(.*)\n(\d+)$/s;
    $code //= 0;
    my $ok = $code == 200;
    my $want;
    if ($r->{events}) {
        $want = $r->{client} eq 'o' ? qr/data: \[DONE\]\s*$/
                                    : qr/event: message_stop/;
        my @d = ($b // '') =~ /" token"/g;
        $ok &&= @d == $r->{events};
    } else {
        $want = $r->{client} eq 'o' ? qr/"chat\.completion"/
              : $r->{client} eq 'g' ? qr/"candidates":\s*\[\{.*"parts"/s
                                    : qr/"type":\s*"message"/;
    }
    $ok &&= ($b // '') =~ $want;
    die "bench: route $r->{id} is not answering correctly "
        . "(status $code):\n" . substr($b // '', 0, 600) . "\n"
        . slurp("$run/gw/logs/error.log") unless $ok;
}

check_route($_) for @ROUTES, @TTFB, @KEYROUTES;

# ---------------------------------------------------------------- load

my @RUNS;   # {id, conc, rep, rps, p50, p99, cpu, mcpu, rss, errors}

# wrk.lua's vary=N for the routes with vary: a new N for every run of
# wrk, so that no body repeats one the worker saw in an earlier run
my $VARY = 0;

sub next_vary {
    die "bench: more than 9999 runs of wrk with vary\n" if $VARY >= 9999;
    return ++$VARY;
}

# wrk's command for route r at concurrency c (a{port}: another port, the
# twin's), bounded in time
sub wrk_cmd {
    my ($r, $c, %a) = @_;
    my $dur = $a{dur} // $DUR;
    my $url = "http://127.0.0.1:" . ($a{port} // $r->{port})
            . $PATH{$r->{client}};
    # wrk's -d takes whole seconds; SIGINT ends a run early, with results
    my $whole = POSIX::ceil($dur);
    my @limit = $whole == $dur ? ('timeout', '-k', '5', $dur + 30)
                               : ('timeout', '-s', 'INT', '-k', '5', $dur);
    return (@limit, 'wrk', '-t1', "-c$c", "-d${whole}s", '--timeout', '10s',
            '-s', "$top/bench/wrk.lua", $url, '--',
            $body{$r->{body}}, headers_for($r),
            $MAXREQ ? ("max=$MAXREQ") : (),
            $a{pace} ? ("pace=$a{pace}") : (),
            $r->{vary} ? ('vary=' . next_vary()) : ());
}

# wrk's summary line of route r's run
sub wrk_summary {
    my ($r, $out) = @_;
    my %s = $out =~ /(\w+)=(\d+)/g;
    die "bench: wrk gave no summary for $r->{id}:\n$out\n"
        unless $out =~ /^BENCH /m && $s{requests};
    return %s;
}

# Route a on the gateway and route b on its twin at once (32 connections
# each, at the held rate): the CPU per request of each one's worker.
# What slows this shared machine then slows both.
sub wrk_both {
    my ($a, $b) = @_;
    my @cmd_a = wrk_cmd($a, 32, pace => $PACE);
    my @cmd_b = wrk_cmd($b, 32, pace => $PACE, port => $TWIN{$b->{port}});
    my ($ca, $cb) = (cpu_us(@gw_w), cpu_us(@gw2_w));
    open my $fa, '-|', @cmd_a or die "bench: wrk: $!\n";
    open my $fb, '-|', @cmd_b or die "bench: wrk: $!\n";
    local $/;
    my ($oa, $ob) = (scalar <$fa>, scalar <$fb>);
    close $fa;
    close $fb;
    ($ca, $cb) = (cpu_us(@gw_w) - $ca, cpu_us(@gw2_w) - $cb);
    my %sa = wrk_summary($a, $oa);
    my %sb = wrk_summary($b, $ob);
    return map { { rps => $_->[1]{requests} / ($_->[1]{duration_us} / 1e6),
                   cpu => $_->[0] / $_->[1]{requests},
                   errors => $_->[1]{errors} + $_->[1]{status}
                             + $_->[1]{timeout} } }
           [$ca, \%sa], [$cb, \%sb];
}

sub wrk {
    my ($r, $c, %a) = @_;
    my @cmd = wrk_cmd($r, $c, %a);
    my $c0 = cpu_us(@gw_w);
    my ($u0, $k0) = ticks_us(@gw_w);
    my $m0 = cpu_us(@mock_w);
    my $t0 = time;
    open my $fh, '-|', @cmd or die "bench: wrk: $!\n";
    local $/;
    my $out = <$fh>;
    close $fh;
    my $wall = time - $t0;
    my $cpu = cpu_us(@gw_w) - $c0;
    my ($u1, $k1) = ticks_us(@gw_w);
    my $usr = $k1 > $k0 ? $cpu * ($u1 - $u0) / ($k1 - $k0) : 0;
    my $mcpu = cpu_us(@mock_w) - $m0;
    my %s = wrk_summary($r, $out);
    my $n = $s{requests};
    return {
        id => $r->{id}, conc => $c, n => $n,
        rps => $n / ($s{duration_us} / 1e6),
        p50 => $s{p50}, p99 => $s{p99},
        cpu => $cpu / $n, usr => $usr / $n, mcpu => $mcpu / $n, mutil => $mcpu / 1e6 / $wall,
        rss => rss_kb(@gw_w), errors => $s{errors} + $s{status}
                                        + $s{timeout},
    };
}

if ($profile) {
    system('command -v perf >/dev/null 2>&1') == 0
        or die "bench: perf not installed (apt-get install linux-perf)\n";
    my @md;
    my $which = defined $ENV{BENCH_ONLY} ? qr/$ENV{BENCH_ONLY}/
                                         : qr/^(base\.o|xl\.o2a|xl\.o2a\.s1000)$/;
    for my $r (grep { $_->{id} =~ $which } @ROUTES) {
        wrk($r, 32, dur => 0.5);
        my $f = "$run/perf-$r->{id}.data";
        my $pid = fork // die "bench: fork: $!\n";
        if ($pid == 0) {
            open STDOUT, '>', '/dev/null';
            open STDERR, '>', '/dev/null';
            exec 'timeout', '30', 'perf', 'record', '-q', '-F', '4999',
                 '-p', $gw_w[0], '-o', $f, '--', 'sleep', $DUR;
            exit 127;
        }
        my $x = wrk($r, 32);
        waitpid $pid, 0;
        my $dso = `perf report -i $f --no-children --sort dso --stdio 2>/dev/null`;
        my $sym = `perf report -i $f --no-children --sort dso,sym --stdio `
                . `2>/dev/null`;
        my @d = grep { /%/ && !/^#/ } split /\n/, $dso;
        my @s = (grep { /%/ && !/^#/ } split /\n/, $sym)[0 .. 24];
        push @md, "### `$r->{id}` ($r->{label}): "
            . sprintf('%.1f µs of CPU per request', $x->{cpu}), '',
            'By object:', '', '```', @d[0 .. ($#d > 9 ? 9 : $#d)], '```', '',
            'By function:', '', '```', grep({ defined } @s), '```', '';
    }
    spew("$o{out}/perf.md", join("\n", @md) . "\n");
    print join("\n", @md), "\n";
    exit 0;
}

my $t_start = time;

# BENCH_ONLY=regex: only the matching routes (and their baselines), the
# load loop alone, and a short table of CPU ratios; for quick checks
# while optimising (make bench still runs everything)
if (defined $ENV{BENCH_ONLY}) {
    my $re = qr/$ENV{BENCH_ONLY}/;
    my %want = map { ($_->{id} => 1, ($_->{base} ? ($_->{base} => 1) : ())) }
               grep { $_->{id} =~ $re } @ROUTES;
    @ROUTES = grep { $want{$_->{id}} } @ROUTES;
    @KEYROUTES = grep { $_->{id} =~ $re } @KEYROUTES;
    @TTFB = @MEMROUTES = ();
}

# 64 concurrent long streams: worker RSS while they run, two lengths; first,
# on the fresh worker (after the other runs its RSS holds what the largest
# bodies grew it to, and the streams fit in that)
my %MEM;
{
    my $idle = rss_kb(@gw_w);
    for my $rep (1 .. ($smoke ? 1 : 2)) {
        for my $r (@MEMROUTES) {
            my $dur = $smoke ? 1 : 4;
            my $url = "http://127.0.0.1:$r->{port}$PATH{$r->{client}}";
            my $pid = open my $fh, '-|', 'timeout', '-k', '5', $dur + 30,
                'wrk', '-t1', '-c64', "-d${dur}s", '--timeout', '20s',
                '-s', "$top/bench/wrk.lua", $url, '--', $body{$r->{body}},
                headers_for($r) or die "bench: wrk: $!\n";
            my $peak = 0;
            my $t = time + $dur;
            sleep 0.3;
            while (time < $t - 0.2) {
                my $v = rss_kb(@gw_w);
                $peak = $v if $v > $peak;
                sleep 0.1;
            }
            local $/;
            my $out = <$fh>;
            close $fh;
            my %s = $out =~ /(\w+)=(\d+)/g;
            die "bench: $r->{id}: $out" unless $s{requests};
            push @{ $MEM{$r->{id}} }, { peak => $peak, idle => $idle,
                                        n => $s{requests},
                                        errors => $s{errors} + $s{status} };
            printf STDERR "rep %d %-9s 64 streams of %d events: peak RSS "
                . "%.1f MB (idle %.1f)\n", $rep, $r->{id}, $r->{events},
                $peak / 1024, $idle / 1024;
        }
    }
}

# warm-up: connections to the mock, worker memory, caches
wrk($_, 32, dur => $smoke ? 0.2 : 0.5) for @ROUTES;

for my $rep (1 .. $REPEAT) {
    for my $c (@CONC) {
        for my $r (@ROUTES) {
            my $x = wrk($r, $c);
            $x->{rep} = $rep;
            push @RUNS, $x;
            printf STDERR "rep %d c=%-3d %-17s %8.0f req/s  p50 %6d  p99 %6d"
                . "  cpu %7.1f us/req (user %.2f)  rss %5.1f MB%s\n", $rep, $c,
                $r->{id}, $x->{rps}, $x->{p50}, $x->{p99}, $x->{cpu},
                $x->{usr}, $x->{rss} / 1024,
                $x->{errors} ? "  ERRORS $x->{errors}" : '';
        }
    }
}

# time to first byte, alternating baseline and candidate
my %TT;   # id -> [runs]
for my $rep (1 .. $REPEAT) {
    for my $r (@TTFB) {
        my @h = headers_for($r);
        my $cmd = join ' ', "timeout 120 $o{bin}/ttfb", $r->{port},
            $PATH{$r->{client}}, $body{$r->{body}}, $TTFB_N,
            map { "'$_'" } @h;
        my $out = `$cmd 2>&1`;
        die "bench: ttfb $r->{id}: $out" unless $out =~ /^TTFB /;
        my %s = $out =~ /(\w+)=([\d.]+)/g;
        push @{ $TT{$r->{id}} }, \%s;
        printf STDERR "rep %d ttfb %-18s first p50 %7.1f p99 %7.1f us\n",
            $rep, $r->{id}, $s{first_p50}, $s{first_p99};
    }
}

# held rate: the non-streaming routes, each connection pacing its
# requests, baseline and candidate alternating
my @PACED = grep { $_->{mock} eq 'json' } @ROUTES;
my %PR;
for my $rep (1 .. $REPEAT) {
    for my $r (@PACED) {
        my $x = wrk($r, 32, pace => $PACE);
        $x->{rep} = $rep;
        push @{ $PR{$r->{id}} }, $x;
        printf STDERR "rep %d held %-17s %8.0f req/s  cpu %7.1f us/req "
            . "(user %.2f)%s\n", $rep, $r->{id}, $x->{rps}, $x->{cpu},
            $x->{usr}, $x->{errors} ? "  ERRORS $x->{errors}" : '';
    }
}

# added latency at concurrency 1: each non-streaming route and its
# baseline asked in turn, request by request, so that a stall of this
# shared machine falls on both (two wrk runs one after the other each
# take their own: a route's p99 over five 2 s runs went from 0.15 to
# 3.7 ms); not the routes whose bodies vary (the same body is sent again)
my %byid = map { $_->{id} => $_ } @ROUTES;
my @PAIRED = grep { $_->{base} && !$_->{vary} } @PACED;
my %LAT;   # id -> [{p50, p99, base_p50, base_p99}]
for my $rep (1 .. $REPEAT) {
    for my $r (@PAIRED) {
        my $b = $byid{$r->{base}};
        my @cmd = ('timeout', '120', "$o{bin}/ttfb", $r->{port},
                   $PATH{$r->{client}}, $body{$r->{body}}, $LAT_N,
                   headers_for($r), '--', $b->{port}, $PATH{$b->{client}},
                   $body{$b->{body}}, headers_for($b));
        open my $fh, '-|', @cmd or die "bench: ttfb: $!\n";
        my @l = grep { /^TTFB / } <$fh>;
        close $fh;
        die "bench: paired latency $r->{id}: no answer\n" unless @l == 2;
        my ($x, $y) = map { { /(\w+)=([\d.]+)/g } } @l;
        push @{ $LAT{$r->{id}} }, { p50 => $x->{total_p50},
            p99 => $x->{total_p99}, base_p50 => $y->{total_p50},
            base_p99 => $y->{total_p99} };
        printf STDERR "rep %d lat  %-17s p50 %6.1f p99 %7.1f  base p50 %6.1f"
            . " p99 %7.1f us\n", $rep, $r->{id}, $x->{total_p50},
            $x->{total_p99}, $y->{total_p50}, $y->{total_p99};
    }
}

# each non-streaming route and its baseline at once, at the held rate,
# one on the gateway and the other on its twin, then the other way
# round: a route's ratio is the geometric mean of the two (which gateway
# ran which cancels out), the table's the median over the repeats.  Runs
# one after the other (the tables above) each meet the machine's other
# tenants as they are then: the same route's ratio moved by about 0.05
# between runs, as much as the module adds to a small request
my @ONCE = grep { $_->{base} } @PACED;
my %AO;   # id -> [{ratio, cpu, base_cpu, errors}]
for my $rep (1 .. $REPEAT) {
    for my $r (@ONCE) {
        my $b = $byid{$r->{base}};
        my ($b1, $r1) = wrk_both($b, $r);
        my ($r2, $b2) = wrk_both($r, $b);
        my $x = sqrt($r1->{cpu} / $b1->{cpu} * $r2->{cpu} / $b2->{cpu});
        push @{ $AO{$r->{id}} }, { ratio => $x,
            cpu => ($r1->{cpu} + $r2->{cpu}) / 2,
            base_cpu => ($b1->{cpu} + $b2->{cpu}) / 2,
            errors => $r1->{errors} + $r2->{errors} + $b1->{errors}
                      + $b2->{errors} };
        printf STDERR "rep %d once %-17s cpu %5.1f / %5.1f, %5.1f / %5.1f "
            . "us/req  x base %.2f\n", $rep, $r->{id}, $r1->{cpu},
            $b1->{cpu}, $r2->{cpu}, $b2->{cpu}, $x;
    }
}

# key pools: base.o and every pool size, alternating
my %KR;
for my $rep (1 .. (@KEYROUTES ? $REPEAT : 0)) {
    for my $r ($ROUTES[0], @KEYROUTES) {
        my $x = wrk($r, 32);
        push @{ $KR{$r->{id}} }, $x;
        printf STDERR "rep %d keys %-10s %8.0f req/s  cpu %7.1f us/req\n",
            $rep, $r->{id}, $x->{rps}, $x->{cpu};
    }
}

my $elapsed = time - $t_start;

if (defined $ENV{BENCH_ONLY}) {
    stop_all();
    for my $c (@CONC) {
        for my $r (@ROUTES) {
            my @x = grep { $_->{id} eq $r->{id} && $_->{conc} == $c } @RUNS;
            my @b = grep { $_->{id} eq ($r->{base} // '')
                           && $_->{conc} == $c } @RUNS;
            my %b = map { $_->{rep} => $_->{cpu} } @b;
            my %bu = map { $_->{rep} => $_->{usr} } @b;
            my @cpu = sort { $a <=> $b } map { $_->{cpu} } @x;
            my @rat = sort { $a <=> $b }
                      map { $b{$_->{rep}} ? $_->{cpu} / $b{$_->{rep}} : () } @x;
            my @urat = sort { $a <=> $b }
                       map { $bu{$_->{rep}} ? $_->{usr} / $bu{$_->{rep}} : () }
                       @x;
            printf "c=%-3d %-17s cpu %7.1f us/req  x base %s  user x base "
                . "%s\n", $c, $r->{id}, $cpu[$#cpu / 2],
                @rat ? sprintf('%.2f', $rat[$#rat / 2]) : '-',
                @urat ? sprintf('%.2f', $urat[$#urat / 2]) : '-';
        }
    }
    for my $r (grep { $_->{base} } @PACED) {
        printf "held  %-17s cpu %7.1f us/req  x base %s  user x base %s\n",
            $r->{id}, median(map { $_->{cpu} } @{ $PR{$r->{id}} }),
            held_cell($r, 'cpu'), held_cell($r, 'usr');
    }
    for my $r (@ONCE) {
        printf "once  %-17s cpu x base %.2f (with its baseline, at once)\n",
            $r->{id}, median(map { $_->{ratio} } @{ $AO{$r->{id}} });
    }
    for my $r (@PAIRED) {
        my @v = @{ $LAT{$r->{id}} };
        printf "c=1   %-17s added p50 %+.0f us  added p99 %+.0f us "
            . "(paired)\n", $r->{id},
            median(map { $_->{p50} - $_->{base_p50} } @v),
            median(map { $_->{p99} - $_->{base_p99} } @v);
    }
    exit 0;
}

my $errlog = slurp("$run/gw/logs/error.log");
my @alerts = grep { /\[(alert|crit|emerg)\]/ } split /\n/, $errlog;

stop_all();

# ---------------------------------------------------------------- report

sub median {
    my @v = sort { $a <=> $b } grep { defined } @_;
    return undef unless @v;
    return @v % 2 ? $v[$#v / 2] : ($v[@v / 2 - 1] + $v[@v / 2]) / 2;
}

sub runs_of { my ($id, $c) = @_; grep { $_->{id} eq $id && $_->{conc} == $c }
              @RUNS }

sub med { my ($id, $c, $k) = @_; median(map { $_->{$k} } runs_of($id, $c)) }

# ratio of two metrics per repeat, then the median
sub ratio {
    my ($id, $base, $c, $k) = @_;
    my %b = map { $_->{rep} => $_->{$k} } runs_of($base, $c);
    return median(map { $b{$_->{rep}} ? $_->{$k} / $b{$_->{rep}} : undef }
                  runs_of($id, $c));
}

sub diff {
    my ($id, $base, $c, $k) = @_;
    my %b = map { $_->{rep} => $_->{$k} } runs_of($base, $c);
    return median(map { $_->{$k} - $b{$_->{rep}} } runs_of($id, $c));
}

# a ratio's cell: '1 (base)' for a baseline, '-' when the baseline's
# metric was 0 (clock ticks in a short run)
sub held_cell {
    my ($r, $k) = @_;
    return '1 (base)' unless $r->{base};
    my $x = held_ratio($r, $k);
    return defined $x ? sprintf('%.2f', $x) : '-';
}

# at the held rate: the route's metric over its baseline's, per repeat
sub held_ratio {
    my ($r, $k) = @_;
    my %b = map { $_->{rep} => $_->{$k} } @{ $PR{$r->{base}} || [] };
    return median(map { $b{$_->{rep}} ? $_->{$k} / $b{$_->{rep}} : undef }
                  @{ $PR{$r->{id}} });
}

my @md;
my $nproc = `nproc 2>/dev/null` || '?';
chomp $nproc;
push @md, sprintf("Run of %s, %s cores, nginx %s; %s s per run, %d "
    . "repeats (medians), %.0f s in all%s.", scalar(localtime), $nproc,
    (`$NGINX -v 2>&1` =~ m{nginx/(\S+)})[0] // '?', $DUR, $REPEAT, $elapsed,
    $smoke ? ', SMOKE (numbers not meaningful)' : '');
push @md, '';
push @md, '| route | c | req/s | p50 µs | p99 µs | CPU µs/req | CPU × base '
        . '| user µs/req | user × base | +p99 µs | µs/event | RSS MB '
        . '| errors |';
push @md, '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';

my $bad = 0;
for my $c (@CONC) {
    for my $r (@ROUTES) {
        my $id = $r->{id};
        my $cpu = med($id, $c, 'cpu');
        my $err = 0;
        $err += $_->{errors} for runs_of($id, $c);
        $bad++ if $err;
        my $x = $r->{base} ? ratio($id, $r->{base}, $c, 'cpu') : undef;
        my $xu = $r->{base} ? ratio($id, $r->{base}, $c, 'usr') : undef;
        my $dp = $r->{base} ? diff($id, $r->{base}, $c, 'p99') : undef;
        push @md, sprintf('| %s `%s` | %d | %.0f | %d | %d | %.1f | %s '
            . '| %.2f | %s | %s | %s | %.1f | %d |', $r->{label}, $id, $c,
            med($id, $c, 'rps'), med($id, $c, 'p50'), med($id, $c, 'p99'),
            $cpu, defined $x ? sprintf('%.2f', $x) : '1 (base)',
            med($id, $c, 'usr'),
            defined $xu ? sprintf('%.2f', $xu)
                        : $r->{base} ? '-' : '1 (base)',
            defined $dp ? sprintf('%+d', $dp) : '',
            $r->{events} ? sprintf('%.3f', $cpu / $r->{events}) : '',
            med($id, $c, 'rss') / 1024, $err);
    }
}

push @md, '';
push @md, 'Mock provider CPU share during the runs (max of medians): '
    . sprintf('%.0f%%', 100 * (sort { $b <=> $a } map { med($_->{id}, $CONC[-1],
              'mutil') // 0 } @ROUTES)[0]) . ' of one core.';

push @md, '';
push @md, '### Time to first streamed byte (concurrency 1, 20-event stream, '
        . 'the mock waits 2 ms after the first event)';
push @md, '';
push @md, '| route | first byte p50 µs | p99 µs | added p50 µs | added p99 µs |';
push @md, '|---|--:|--:|--:|--:|';
for my $r (@TTFB) {
    my $id = $r->{id};
    my @v = @{ $TT{$id} };
    my ($a50, $a99) = ('', '');
    if ($r->{base}) {
        my @b = @{ $TT{$r->{base}} };
        $a50 = sprintf '%+.0f', median(map { $v[$_]{first_p50}
                                 - $b[$_]{first_p50} } 0 .. $#v);
        $a99 = sprintf '%+.0f', median(map { $v[$_]{first_p99}
                                 - $b[$_]{first_p99} } 0 .. $#v);
    }
    push @md, sprintf('| `%s` | %.0f | %.0f | %s | %s |', $id,
        median(map { $_->{first_p50} } @v), median(map { $_->{first_p99} } @v),
        $a50, $a99);
}

push @md, '';
push @md, '### Added latency at concurrency 1 (each route and its baseline '
        . "asked in turn, request by request, $LAT_N each, whole answers)";
push @md, '';
push @md, '| route | p50 µs | p99 µs | baseline p50 µs | baseline p99 µs '
        . '| added p50 µs | added p99 µs |';
push @md, '|---|--:|--:|--:|--:|--:|--:|';
for my $r (@PAIRED) {
    my @v = @{ $LAT{$r->{id}} };
    push @md, sprintf('| %s `%s` | %.0f | %.0f | %.0f | %.0f | %+.0f | %+.0f |',
        $r->{label}, $r->{id}, median(map { $_->{p50} } @v),
        median(map { $_->{p99} } @v), median(map { $_->{base_p50} } @v),
        median(map { $_->{base_p99} } @v),
        median(map { $_->{p50} - $_->{base_p50} } @v),
        median(map { $_->{p99} - $_->{base_p99} } @v));
}

push @md, '';
push @md, "### At a held rate (32 connections, each waiting $PACE ms before "
        . 'every request: the worker is not saturated)';
push @md, '';
push @md, '| route | req/s | CPU µs/req | CPU × base | user µs/req '
        . '| user × base | errors |';
push @md, '|---|--:|--:|--:|--:|--:|--:|';
for my $r (@PACED) {
    my @v = @{ $PR{$r->{id}} };
    my $err = 0;
    $err += $_->{errors} for @v;
    $bad++ if $err;
    push @md, sprintf('| %s `%s` | %.0f | %.1f | %s | %.2f | %s | %d |',
        $r->{label}, $r->{id}, median(map { $_->{rps} } @v),
        median(map { $_->{cpu} } @v),
        held_cell($r, 'cpu'), median(map { $_->{usr} } @v),
        held_cell($r, 'usr'), $err);
}

push @md, '';
push @md, '### A route and its baseline at once (the held rate, one on each '
        . 'of two gateways of the same configuration, then swapped)';
push @md, '';
push @md, '| route | CPU µs/req | baseline CPU µs/req | CPU × base | errors |';
push @md, '|---|--:|--:|--:|--:|';
for my $r (@ONCE) {
    my @v = @{ $AO{$r->{id}} };
    my $err = 0;
    $err += $_->{errors} for @v;
    $bad++ if $err;
    push @md, sprintf('| %s `%s` | %.1f | %.1f | %.2f | %d |', $r->{label},
        $r->{id}, median(map { $_->{cpu} } @v),
        median(map { $_->{base_cpu} } @v),
        median(map { $_->{ratio} } @v), $err);
}

push @md, '';
push @md, '### Key selection: passthrough with growing key pools '
        . '(concurrency 32)';
push @md, '';
push @md, '| keys | req/s | CPU µs/req | CPU × plain proxy_pass | '
        . 'µs/req over 1 key |';
push @md, '|--:|--:|--:|--:|--:|';
{
    my @b = @{ $KR{'base.o'} };
    my @one = @{ $KR{$KEYROUTES[0]{id}} };
    for my $r (@KEYROUTES) {
        my @v = @{ $KR{$r->{id}} };
        $bad++ if grep { $_->{errors} } @v;
        push @md, sprintf('| %d | %.0f | %.1f | %.2f | %+.1f |', $r->{keys},
            median(map { $_->{rps} } @v), median(map { $_->{cpu} } @v),
            median(map { $v[$_]{cpu} / $b[$_]{cpu} } 0 .. $#v),
            median(map { $v[$_]{cpu} - $one[$_]{cpu} } 0 .. $#v));
    }
}

push @md, '';
push @md, '### Memory: 64 concurrent streams, OpenAI client ← Anthropic '
        . 'upstream, each spread over ~2 s';
push @md, '';
push @md, '| events per stream | idle worker RSS MB | peak RSS MB | '
        . 'per stream KB |';
push @md, '|--:|--:|--:|--:|';
for my $r (@MEMROUTES) {
    my @v = @{ $MEM{$r->{id}} };
    $bad++ if grep { $_->{errors} } @v;
    my $idle = median(map { $_->{idle} } @v);
    my $peak = median(map { $_->{peak} } @v);
    push @md, sprintf('| %d | %.1f | %.1f | %.1f |', $r->{events},
        $idle / 1024, $peak / 1024, ($peak - $idle) / 64);
}

if (@alerts) {
    push @md, '', 'Gateway error log alerts:', map { "    $_" } @alerts[0 .. ($#alerts > 9 ? 9 : $#alerts)];
    $bad++;
}

spew("$o{out}/http.md", join("\n", @md) . "\n");
spew("$o{out}/http.tsv", join('', map { my $x = $_; join("\t", map {
    $x->{$_} // '' } qw(id conc rep n rps p50 p99 cpu mcpu rss errors usr))
    . "\n" } @RUNS));
print join("\n", @md), "\n";
exit($bad ? 1 : 0);
