#!/usr/bin/perl
# The official npm SDKs (openai, @anthropic-ai/sdk, @google/genai), unmodified,
# run with Node's built-in test runner (t/sdk/*.test.mjs):
#
#   1. MODE=mock:    each SDK straight against the mock of its own dialect
#                    (proves the mock is faithful enough for the real SDKs);
#   2. MODE=gateway: each SDK against nginx + the module, for every pair of
#                    the matrix "sdk:upstream-dialect" (models are routed by
#                    name: gpt-* -> openai, claude-* -> anthropic,
#                    gemini-* -> gemini, all three served by the mock).
#
# Environment:
#   SDK_MATRIX   gateway matrix, comma list of sdk:target (sdk = openai |
#                anthropic | genai, target = openai | anthropic | gemini),
#                "all" for the full 3x3, "none" to skip the gateway run.
#                Default: $DEFAULT_MATRIX below (widened as the gateway grows).
#   SDK_MOCK     0 skips the MODE=mock run (default 1).
#   ANTHROPIC_SDKS  restrict the Anthropic SDK generations, e.g. "0.137.0".
#   TEST_LLM_NODE / TEST_LLM_NPM   node and npm binaries (default: from PATH).
#   SDK_TEST_TIMEOUT  seconds for one node --test run (default 600).

use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use LLMTest;

# The matrix the gateway is known to serve today; "all" once it does.
my $DEFAULT_MATRIX = 'all';

my $top  = "$FindBin::Bin/..";
my $sdk  = "$FindBin::Bin/sdk";
my $node = $ENV{TEST_LLM_NODE} || 'node';
my $npm  = $ENV{TEST_LLM_NPM}  || 'npm';

sub have { my ($bin) = @_; return system("command -v '$bin' >/dev/null 2>&1") == 0 }

# ---------------------------------------------------------------- prerequisites

ok(have($node), "node is available ($node)")
    or BAIL_OUT("node not found: the SDK tests need Node.js >= 20 (apt-get install nodejs)");
my $nv = `$node --version 2>/dev/null` // '';
chomp $nv;
my ($major) = $nv =~ /^v(\d+)/;
ok(defined $major && $major >= 20, "node $nv is >= 20")
    or BAIL_OUT("node $nv is too old for the SDKs (need >= 20)");

unless (-d "$sdk/node_modules/openai" && -d "$sdk/node_modules/\@anthropic-ai/sdk"
        && -d "$sdk/node_modules/\@google/genai" && -d "$sdk/node_modules/anthropic-sdk-0x") {
    ok(have($npm), "npm is available ($npm) to install the SDKs")
        or BAIL_OUT("npm not found and t/sdk/node_modules is missing: "
                    . "install npm (apt-get install npm) or run 'npm ci' in t/sdk");
    diag("installing the SDKs: npm ci in t/sdk");
    my $out = `cd '$sdk' && '$npm' ci --no-audit --no-fund --loglevel=error 2>&1`;
    is($? >> 8, 0, 'npm ci in t/sdk') or do { diag($out); BAIL_OUT('npm ci failed') };
}

# ---------------------------------------------------------------- runner

my @files = map { s{.*/}{}r } sort glob("$sdk/*.test.mjs");
ok(@files >= 3, 'SDK test files exist: ' . join(' ', @files));

my $timeout = $ENV{SDK_TEST_TIMEOUT} || 600;

# Run node --test with %env; report node's summary and failures; return ok().
sub run_node {
    my ($name, %env) = @_;
    local @ENV{keys %env} = values %env;
    my @cmd = ($node, '--test', '--test-reporter=tap', '--test-concurrency=1', @files);
    unshift @cmd, 'timeout', '-k', '10', $timeout if have('timeout');
    my $cmd = join ' ', map { "'$_'" } @cmd;
    my $out = `cd '$sdk' && $cmd 2>&1`;
    my $rc = $? >> 8;

    my (@summary, @fail);
    my @lines = split /\n/, $out;
    my $suite = '';
    for my $i (0 .. $#lines) {
        my $l = $lines[$i];
        push @summary, $l if $l =~ /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;
        $suite = $1 if $l =~ /^# Subtest: (.*)$/;
        if ($l =~ /^(\s*)not ok \d+ - (.*)$/) {
            my ($ind, $what) = ($1, $2);
            # the first "error:" line of this failure's YAML block
            my $err = '';
            for my $j ($i + 1 .. ($i + 12 > $#lines ? $#lines : $i + 12)) {
                last if $lines[$j] =~ /^\s*\.\.\.\s*$/;
                if ($lines[$j] =~ /^\s*error:\s*(.*)$/) { $err = $1; last }
            }
            next if $ind eq '' && $err =~ /subtests? failed/;    # the suite's own line
            push @fail, ($ind ne '' ? "[$suite] " : '') . "not ok - $what"
                        . ($err ne '' ? "  => $err" : '');
        }
    }
    my $ok = ok($rc == 0 && @summary && !grep({ /^# fail [1-9]/ } @summary), $name);
    diag("$name: $_") for @summary;
    unless ($ok) {
        diag("$name: exit status $rc");
        diag("$name: $_") for @fail[0 .. ($#fail > 80 ? 79 : $#fail)];
        diag("$name: ... " . (@fail - 80) . ' more') if @fail > 80;
        if (!@summary || $ENV{SDK_TEST_VERBOSE}) {
            diag("$name: node output:\n$out");
        }
    }
    return $ok;
}

# ---------------------------------------------------------------- MODE=mock

my $t = LLMTest->new(workers => 1);
my $mock_port = $t->start_mock;
my $mock_url  = "http://127.0.0.1:$mock_port";

if (($ENV{SDK_MOCK} // '1') ne '0') {
    run_node('SDKs against the mock providers (MODE=mock)',
        MODE => 'mock', MOCK_URL => $mock_url, GATEWAY_URL => '');
}

# ---------------------------------------------------------------- MODE=gateway

my $matrix = $ENV{SDK_MATRIX} // $DEFAULT_MATRIX;
if ($matrix eq 'all') {
    $matrix = join ',', map { my $s = $_; map { "$s:$_" } qw(openai anthropic gemini) }
                        qw(openai anthropic genai);
}

if ($matrix ne '' && $matrix ne 'none') {
    $t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%

    upstream openai_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider openai; }
    upstream anthropic_up { server 127.0.0.1:%%MOCK_PORT%%; llm_provider anthropic; }
    upstream gemini_up    { server 127.0.0.1:%%MOCK_PORT%%; llm_provider gemini; }

    server {
        listen 127.0.0.1:%%PORT_1%%;
        client_max_body_size 10m;

        location / {
            llm_translate on;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            proxy_set_header Authorization "Bearer sk-mock";
            proxy_set_header x-api-key sk-mock;
            proxy_set_header x-goog-api-key sk-mock;
            proxy_pass http://$llm_upstream;
        }
    }

    # the same with llm_passthrough_strict off: same-dialect requests are
    # only scanned, translated ones scanned, then parsed
    server {
        listen 127.0.0.1:%%PORT_2%%;
        client_max_body_size 10m;

        location / {
            llm_translate on;
            llm_passthrough_strict off;
            llm_route gpt-*    openai_up;
            llm_route claude-* anthropic_up;
            llm_route gemini-* gemini_up;
            proxy_set_header Authorization "Bearer sk-mock";
            proxy_set_header x-api-key sk-mock;
            proxy_set_header x-goog-api-key sk-mock;
            proxy_pass http://$llm_upstream;
        }
    }
}
EOF
    my $mod = LLMTest::module_path();
    if ($mod ne '' && !-f $mod) {
        fail("gateway: module $mod is not built (./build.sh)");
        $t->done_testing;
        exit;
    }
    unless (eval { $t->run; 1 }) {
        fail('gateway: nginx starts with the SDK test configuration');
        diag($@);
        $t->done_testing;
        exit;
    }
    my $gw = 'http://127.0.0.1:' . $t->port(1);
    $t->mock_reset;
    run_node("SDKs through the gateway (MODE=gateway, SDK_MATRIX=$matrix)",
        MODE => 'gateway', MOCK_URL => $mock_url, GATEWAY_URL => $gw, SDK_MATRIX => $matrix);
    $t->mock_reset;
    run_node("SDKs through the gateway, llm_passthrough_strict off (SDK_MATRIX=$matrix)",
        MODE => 'gateway', MOCK_URL => $mock_url, GATEWAY_URL => 'http://127.0.0.1:' . $t->port(2),
        SDK_MATRIX => $matrix);
} else {
    diag('gateway run skipped (SDK_MATRIX=none)');
}

$t->done_testing;
