/*
 * Gemini generateContent codec: GenerateContentRequest and
 * GenerateContentResponse <-> IR, and google.rpc error bodies.
 *
 * Choices (dialects.md 5.4, 5.6, 5.10):
 *   - Gemini histories and responses mostly carry no tool call ids.  A
 *     functionCall without one gets "call_" + 24 hex digits of a hash of
 *     what identifies it (llm_gemini_call_id): (turn, part, name) in a
 *     client history, which is stable from one request to the next, and
 *     (responseId, candidate, part, name) in a response.  A
 *     functionResponse without id answers the k-th call of its name in
 *     the preceding model turn.
 *   - Upstream, ids are never sent (Gemini pairs by name and order); the
 *     name of a functionResponse comes from the tool call with the same
 *     id earlier in the request, or from the result itself; never made
 *     up.
 *   - An image URL becomes fileData with the MIME type from the
 *     extension (image/jpeg when unknown); data: URLs become inlineData.
 *   - A thoughtSignature on a thought part stays with its text; one on
 *     any other part becomes a REASONING block with empty text just
 *     before that part's block, so the signature goes back to the same
 *     part.  Signatures of other dialects reach Gemini clients wrapped
 *     ("llm:<origin>:..."; redacted thinking "llm:redacted:<origin>:...")
 *     and come back from them unwrapped.  Upstream, a Gemini 3 model
 *     turn whose first functionCall carries no signature gets Google's
 *     "skip_thought_signature_validator".
 *   - Thinking: budget models (2.x) get thinkingBudget, 3.x models get
 *     thinkingLevel; see llm_gemini_thinking().
 */

#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "llm_json.h"
#include "llm_json_pull.h"
#include "llm_codec.h"
#include "llm_map.h"
#include "llm_gemini.h"


#define LLM_GEMINI_MAX_STOP       5
#define LLM_GEMINI_SCHEMA_DEPTH   32
#define LLM_GEMINI_DUMMY_SIG      "skip_thought_signature_validator"
#define LLM_GEMINI_REDACTED       "llm:redacted:"

#define llm_gemini_invalid(err, ...)                                       \
    llm_error_set(err, LLM_ERR_INVALID_REQUEST, __VA_ARGS__)


typedef struct {
    llm_arena_t       *arena;
    llm_error_t       *err;
    llm_warnings_t    *warn;

    /* function calls of the latest run of model turns, for pairing the
     * functionResponse parts that follow */
    llm_block_t      **calls;
    unsigned char     *used;
    size_t             ncalls;
    size_t             ncap;
    int                prev_model;
} llm_gemini_parse_t;


typedef struct {
    llm_arena_t       *arena;
    llm_error_t       *err;
    llm_warnings_t    *warn;
    const llm_request_t  *req;

    json_t            *contents;
    json_t            *parts;        /* of the content being built */
    llm_role_e         role;
    llm_str_t          pending;      /* signature for the next part */
    unsigned           pending_call:1;  /* ... the next functionCall */
    unsigned           dummy_sig:1;  /* Gemini 3: fill missing ones */
} llm_gemini_emit_t;


/* ---------------------------------------------------------------------
 * small helpers
 */

/* Requests are read with protobuf JSON rules: a field may be spelled in
 * lowerCamelCase or snake_case, and null means absent. */
static json_t *
llm_gemini_get(json_t *o, const char *name)
{
    char    buf[64], *p;
    json_t  *v;

    v = json_object_get(o, name);

    if (v == NULL && json_is_object(o)) {
        for (p = buf; *name && p < buf + sizeof(buf) - 3; name++) {
            if (*name >= 'A' && *name <= 'Z') {
                *p++ = '_';
                *p++ = (char) (*name - 'A' + 'a');

            } else {
                *p++ = *name;
            }
        }
        *p = '\0';

        v = json_object_get(o, buf);
    }

    return json_is_null(v) ? NULL : v;
}


/*
 * The members of an object the parser reads, fetched in one walk
 * (llm_json_pick) rather than by llm_gemini_get(): a jansson lookup
 * hashes the key, most fields are absent, and an absent one costs two
 * lookups.  A table lists each field's lowerCamelCase then snake_case
 * spelling (the same name twice when they agree, which the walk never
 * matches twice); llm_gemini_pick() then keeps llm_gemini_get()'s rules:
 * the camelCase member wins, even when null, and null is absent.
 */
#define LLM_GEMINI_PICK_MAX  32

#define LLM_GEMINI_ENUM(prefix, camel, snake)  prefix##camel,
#define LLM_GEMINI_NAMES(prefix, camel, snake)                             \
    llm_json_name(#camel), llm_json_name(#snake),


/* the first member none of the names match, or NULL */
static const char *
llm_gemini_pick(json_t *o, const llm_json_name_t *names, size_t n,
    json_t **out)
{
    size_t       i;
    json_t      *both[2 * LLM_GEMINI_PICK_MAX], *v;
    const char  *other;

    other = llm_json_pick(o, names, 2 * n, both);

    for (i = 0; i < n; i++) {
        v = both[2 * i] ? both[2 * i] : both[2 * i + 1];
        out[i] = json_is_null(v) ? NULL : v;
    }

    return other;
}


/* The typed fields below: v is the field's value (NULL when absent),
 * name its camelCase spelling for the message.  1 found, 0 absent, -1
 * wrong type (err set). */
static int
llm_gemini_int(json_t *v, const char *name, const char *where,
    int64_t *out, llm_error_t *err)
{
    double  d;

    if (v == NULL) {
        return 0;
    }

    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 1;
    }

    if (json_is_real(v)) {
        d = json_real_value(v);
        if (d > -9.0e15 && d < 9.0e15 && d == (double) (int64_t) d) {
            *out = (int64_t) d;
            return 1;
        }
    }

    llm_gemini_invalid(err, "Invalid value at '%s.%s' (TYPE_INT32)", where,
                       name);
    return -1;
}


static int
llm_gemini_num(json_t *v, const char *name, const char *where,
    double *out, llm_error_t *err)
{
    if (v == NULL) {
        return 0;
    }

    if (!json_is_number(v)) {
        llm_gemini_invalid(err, "Invalid value at '%s.%s' (TYPE_FLOAT)",
                           where, name);
        return -1;
    }

    *out = json_number_value(v);
    return 1;
}


static int
llm_gemini_bool(json_t *v, const char *name, const char *where, int *out,
    llm_error_t *err)
{
    if (v == NULL) {
        return 0;
    }

    if (!json_is_boolean(v)) {
        llm_gemini_invalid(err, "Invalid value at '%s.%s' (TYPE_BOOL)",
                           where, name);
        return -1;
    }

    *out = json_is_true(v);
    return 1;
}


static int
llm_gemini_str(json_t *v, const char *name, const char *where,
    llm_str_t *out, llm_error_t *err)
{
    if (v == NULL) {
        return 0;
    }

    if (llm_json_str(v, out) != 0) {
        llm_gemini_invalid(err, "Invalid value at '%s.%s' (TYPE_STRING)",
                           where, name);
        return -1;
    }

    return 1;
}


/* the top-level fields of GenerateContentRequest (check_fields) */
#define LLM_GEMINI_BODY(X)                                                 \
    X(LLM_GEMINI_B_, contents, contents) X(LLM_GEMINI_B_, model, model)    \
    X(LLM_GEMINI_B_, systemInstruction, system_instruction)                \
    X(LLM_GEMINI_B_, generationConfig, generation_config)                  \
    X(LLM_GEMINI_B_, tools, tools)                                         \
    X(LLM_GEMINI_B_, toolConfig, tool_config)                              \
    X(LLM_GEMINI_B_, safetySettings, safety_settings)                      \
    X(LLM_GEMINI_B_, cachedContent, cached_content)                        \
    X(LLM_GEMINI_B_, labels, labels)                                       \
    X(LLM_GEMINI_B_, serviceTier, service_tier)                            \
    X(LLM_GEMINI_B_, store, store)                                         \
    X(LLM_GEMINI_B_, continuationToken, continuation_token)                \
    X(LLM_GEMINI_B_, modelArmorConfig, model_armor_config)

/* generationConfig: what is translated, then what is only checked */
#define LLM_GEMINI_CONFIG(X)                                               \
    X(LLM_GEMINI_C_, maxOutputTokens, max_output_tokens)                   \
    X(LLM_GEMINI_C_, temperature, temperature)                             \
    X(LLM_GEMINI_C_, topP, top_p) X(LLM_GEMINI_C_, topK, top_k)            \
    X(LLM_GEMINI_C_, candidateCount, candidate_count)                      \
    X(LLM_GEMINI_C_, seed, seed)                                           \
    X(LLM_GEMINI_C_, presencePenalty, presence_penalty)                    \
    X(LLM_GEMINI_C_, frequencyPenalty, frequency_penalty)                  \
    X(LLM_GEMINI_C_, responseLogprobs, response_logprobs)                  \
    X(LLM_GEMINI_C_, stopSequences, stop_sequences)                        \
    X(LLM_GEMINI_C_, responseMimeType, response_mime_type)                 \
    X(LLM_GEMINI_C_, responseJsonSchema, response_json_schema)             \
    X(LLM_GEMINI_C_, responseSchema, response_schema)                      \
    X(LLM_GEMINI_C_, thinkingConfig, thinking_config)                      \
    X(LLM_GEMINI_C_, logprobs, logprobs)                                   \
    X(LLM_GEMINI_C_, enableEnhancedCivicAnswers,                           \
      enable_enhanced_civic_answers)                                       \
    X(LLM_GEMINI_C_, enableAffectiveDialog, enable_affective_dialog)       \
    X(LLM_GEMINI_C_, mediaResolution, media_resolution)                    \
    X(LLM_GEMINI_C_, responseModalities, response_modalities)              \
    X(LLM_GEMINI_C_, speechConfig, speech_config)                          \
    X(LLM_GEMINI_C_, imageConfig, image_config)                            \
    X(LLM_GEMINI_C_, audioTranscriptionConfig, audio_transcription_config) \
    X(LLM_GEMINI_C_, routingConfig, routing_config)                        \
    X(LLM_GEMINI_C_, modelConfig, model_config)

#define LLM_GEMINI_THINKING(X)                                             \
    X(LLM_GEMINI_T_, thinkingBudget, thinking_budget)                      \
    X(LLM_GEMINI_T_, thinkingLevel, thinking_level)

/* a Content (contents[i], systemInstruction) */
#define LLM_GEMINI_CONTENT(X)                                              \
    X(LLM_GEMINI_N_, role, role) X(LLM_GEMINI_N_, parts, parts)

/* a Part: its signature and flag, then the members of oneof data */
#define LLM_GEMINI_PART(X)                                                 \
    X(LLM_GEMINI_P_, thoughtSignature, thought_signature)                  \
    X(LLM_GEMINI_P_, thought, thought) X(LLM_GEMINI_P_, text, text)        \
    X(LLM_GEMINI_P_, inlineData, inline_data)                              \
    X(LLM_GEMINI_P_, fileData, file_data)                                  \
    X(LLM_GEMINI_P_, functionCall, function_call)                          \
    X(LLM_GEMINI_P_, functionResponse, function_response)                  \
    X(LLM_GEMINI_P_, executableCode, executable_code)                      \
    X(LLM_GEMINI_P_, codeExecutionResult, code_execution_result)           \
    X(LLM_GEMINI_P_, toolCall, tool_call)                                  \
    X(LLM_GEMINI_P_, toolResponse, tool_response)

/* a part's data: inlineData, fileData, functionCall, functionResponse */
#define LLM_GEMINI_DATA(X)                                                 \
    X(LLM_GEMINI_D_, name, name) X(LLM_GEMINI_D_, args, args)              \
    X(LLM_GEMINI_D_, response, response) X(LLM_GEMINI_D_, id, id)          \
    X(LLM_GEMINI_D_, mimeType, mime_type) X(LLM_GEMINI_D_, data, data)     \
    X(LLM_GEMINI_D_, fileUri, file_uri)

/* a functionDeclaration */
#define LLM_GEMINI_DECL(X)                                                 \
    X(LLM_GEMINI_F_, name, name)                                           \
    X(LLM_GEMINI_F_, description, description)                             \
    X(LLM_GEMINI_F_, parametersJsonSchema, parameters_json_schema)         \
    X(LLM_GEMINI_F_, parameters, parameters)

#define LLM_GEMINI_CAMEL(prefix, camel, snake)  #camel,

enum { LLM_GEMINI_BODY(LLM_GEMINI_ENUM) LLM_GEMINI_NBODY };
enum { LLM_GEMINI_CONFIG(LLM_GEMINI_ENUM) LLM_GEMINI_NCONFIG };
enum { LLM_GEMINI_THINKING(LLM_GEMINI_ENUM) LLM_GEMINI_NTHINKING };
enum { LLM_GEMINI_CONTENT(LLM_GEMINI_ENUM) LLM_GEMINI_NCONTENT };
enum { LLM_GEMINI_PART(LLM_GEMINI_ENUM) LLM_GEMINI_NPART };
enum { LLM_GEMINI_DATA(LLM_GEMINI_ENUM) LLM_GEMINI_NDATA };
enum { LLM_GEMINI_DECL(LLM_GEMINI_ENUM) LLM_GEMINI_NDECL };

/* llm_gemini_pick()'s buffer holds the largest table */
typedef char  llm_gemini_pick_fits[LLM_GEMINI_NCONFIG <= LLM_GEMINI_PICK_MAX
                                   ? 1 : -1];

static const llm_json_name_t  llm_gemini_body_names[] = {
    LLM_GEMINI_BODY(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_config_names[] = {
    LLM_GEMINI_CONFIG(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_thinking_names[] = {
    LLM_GEMINI_THINKING(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_content_names[] = {
    LLM_GEMINI_CONTENT(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_part_names[] = {
    LLM_GEMINI_PART(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_data_names[] = {
    LLM_GEMINI_DATA(LLM_GEMINI_NAMES)
};
static const llm_json_name_t  llm_gemini_decl_names[] = {
    LLM_GEMINI_DECL(LLM_GEMINI_NAMES)
};

/* the camelCase names of generationConfig's fields, for the messages */
static const char  *llm_gemini_config_fields[] = {
    LLM_GEMINI_CONFIG(LLM_GEMINI_CAMEL)
};


/* a protobuf enum: its name, or its number */
static int
llm_gemini_enum_ok(json_t *v)
{
    return v == NULL || json_is_string(v) || json_is_integer(v);
}


#define LLM_GEMINI_TYPE  "type.googleapis.com/google.ai.generativelanguage." \
                         "v1beta."


static int
llm_str_eq(const llm_str_t *s, const char *lit)
{
    size_t  n = strlen(lit);

    return s->data && s->len == n && memcmp(s->data, lit, n) == 0;
}


static int
llm_str_eqs(const llm_str_t *a, const llm_str_t *b)
{
    return a->len == b->len
           && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}


static json_t *
llm_gemini_set(json_t *o, const char *key, json_t *v)
{
    /* json_object_set_new frees v when o is NULL or on failure */
    json_object_set_new(o, key, v);
    return o;
}


/* ---------------------------------------------------------------------
 * ids and signatures (llm_gemini.h)
 */

static uint64_t
llm_fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char  *p = data;

    while (len--) {
        h ^= *p++;
        h *= 0x100000001b3ULL;
    }

    return h;
}


void
llm_gemini_call_id(char *buf, const llm_str_t *seed, size_t n1, size_t n2,
    const llm_str_t *name)
{
    char      num[48];
    int       n;
    uint64_t  h1, h2;

    n = snprintf(num, sizeof(num), "\x1f%zu\x1f%zu\x1f", n1, n2);

    /* two FNV-1a streams with different bases give 96 useful bits */
    h1 = 0xcbf29ce484222325ULL;
    h2 = 0x84222325cbf29ce4ULL;

    if (seed && seed->len) {
        h1 = llm_fnv(h1, seed->data, seed->len);
        h2 = llm_fnv(h2, seed->data, seed->len);
    }
    h1 = llm_fnv(h1, num, (size_t) n);
    h2 = llm_fnv(h2, num, (size_t) n);
    if (name && name->len) {
        h1 = llm_fnv(h1, name->data, name->len);
        h2 = llm_fnv(h2, name->data, name->len);
    }

    snprintf(buf, LLM_GEMINI_CALL_ID_SIZE, "call_%016llx%08llx",
             (unsigned long long) h1,
             (unsigned long long) (h2 & 0xffffffffULL));
}


llm_dialect_e
llm_gemini_sig_unwrap(llm_str_t *sig)
{
    size_t         i;
    llm_dialect_e  d;

    if (sig->len > 4 && memcmp(sig->data, "llm:", 4) == 0) {
        for (i = 4; i < sig->len; i++) {
            if (sig->data[i] == ':') {
                d = llm_dialect_from_name(sig->data + 4, i - 4);
                if (d != LLM_DIALECT_NONE) {
                    sig->data += i + 1;
                    sig->len -= i + 1;
                    return d;
                }
                break;
            }
        }
    }

    return LLM_DIALECT_GEMINI;
}


const char *
llm_gemini_sig_wrap(llm_arena_t *a, const llm_str_t *sig,
    llm_dialect_e origin, size_t *len)
{
    char        *p;
    size_t       n;
    const char  *name;

    if (origin == LLM_DIALECT_GEMINI || origin == LLM_DIALECT_NONE) {
        *len = sig->len;
        return sig->data ? sig->data : "";
    }

    name = llm_dialect_name(origin);
    n = 4 + strlen(name) + 1 + sig->len;

    p = llm_arena_alloc(a, n + 1);
    if (p == NULL) {
        return NULL;
    }

    snprintf(p, n + 1, "llm:%s:%.*s", name, (int) sig->len,
             sig->data ? sig->data : "");
    *len = n;
    return p;
}


const char *
llm_gemini_rpc_status(llm_err_kind_e kind, int status)
{
    switch (kind) {
    case LLM_ERR_INVALID_REQUEST:
    case LLM_ERR_TOO_LARGE:
        return "INVALID_ARGUMENT";
    case LLM_ERR_AUTHENTICATION:
        return "UNAUTHENTICATED";
    case LLM_ERR_PERMISSION:
        return "PERMISSION_DENIED";
    case LLM_ERR_NOT_FOUND:
        return "NOT_FOUND";
    case LLM_ERR_RATE_LIMIT:
    case LLM_ERR_QUOTA:
        return "RESOURCE_EXHAUSTED";
    case LLM_ERR_SERVER:
    case LLM_ERR_BAD_GATEWAY:
        return "INTERNAL";
    case LLM_ERR_OVERLOADED:
        return "UNAVAILABLE";
    case LLM_ERR_TIMEOUT:
        return "DEADLINE_EXCEEDED";
    default:
        break;
    }

    return llm_gemini_rpc_status(llm_err_kind_from_status(status ? status
                                                                 : 500),
                                 0);
}


/* ---------------------------------------------------------------------
 * parse_request
 */

static llm_block_t *
llm_gemini_add_block(llm_message_t *m, llm_block_kind_e kind)
{
    llm_block_t  *b;

    b = &m->blocks[m->nblocks++];
    b->kind = kind;
    return b;
}


static int
llm_gemini_parse_sig(llm_gemini_parse_t *p, json_t *v, const char *where,
    llm_str_t *sig)
{
    sig->data = NULL;
    sig->len = 0;

    return llm_gemini_str(v, "thoughtSignature", where, sig, p->err) < 0
           ? -1 : 0;
}


/* Thought parts carry reasoning; a wrapped redacted block of another
 * dialect comes back as an empty thought with its data in the
 * signature. */
static void
llm_gemini_reasoning(llm_message_t *m, const llm_str_t *text,
    const llm_str_t *sig)
{
    size_t        n;
    llm_str_t     s;
    llm_block_t  *b;

    s = *sig;
    n = sizeof(LLM_GEMINI_REDACTED) - 1;

    if (s.len > n && memcmp(s.data, LLM_GEMINI_REDACTED, n) == 0) {
        s.data += n - 4;       /* keep "llm:" for the unwrapping */
        s.len -= n - 4;
        b = llm_gemini_add_block(m, LLM_BLOCK_REDACTED_REASONING);
        b->signature_origin = llm_gemini_sig_unwrap(&s);
        b->data = s;
        return;
    }

    b = llm_gemini_add_block(m, LLM_BLOCK_REASONING);
    b->text = *text;
    b->signature_origin = LLM_DIALECT_GEMINI;
    if (s.len) {
        b->signature_origin = llm_gemini_sig_unwrap(&s);
        b->signature = s;
    }
}


static int
llm_gemini_call_add(llm_gemini_parse_t *p, llm_block_t *b)
{
    size_t          cap;
    llm_block_t   **calls;
    unsigned char  *used;

    if (p->ncalls == p->ncap) {
        cap = p->ncap ? p->ncap * 2 : 8;
        calls = llm_arena_alloc(p->arena, cap * sizeof(llm_block_t *));
        used = llm_arena_calloc(p->arena, cap, 1);
        if (calls == NULL || used == NULL) {
            llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }
        if (p->ncalls) {
            memcpy(calls, p->calls, p->ncalls * sizeof(llm_block_t *));
        }
        p->calls = calls;
        p->used = used;
        p->ncap = cap;
    }

    p->calls[p->ncalls++] = b;
    return 0;
}


/* k-th response named X answers the k-th call named X; an id wins */
static int
llm_gemini_pair(llm_gemini_parse_t *p, llm_block_t *b, int has_id)
{
    size_t  i;

    for (i = 0; i < p->ncalls; i++) {
        if (p->used[i]) {
            continue;
        }

        if (has_id ? llm_str_eqs(&p->calls[i]->id, &b->call_id)
                   : llm_str_eqs(&p->calls[i]->name, &b->name))
        {
            p->used[i] = 1;
            b->call_id = p->calls[i]->id;
            return 0;
        }
    }

    if (has_id) {
        return 0;
    }

    llm_gemini_invalid(p->err, "Please ensure that the number of function "
                       "response parts is equal to the number of function "
                       "call parts of the function call turn.");
    return -1;
}


/* The text a dialect without functionResponse objects sees: the bare
 * string of {"output": "..."} or {"error": "..."}, else the JSON. */
static int
llm_gemini_response_text(llm_gemini_parse_t *p, llm_block_t *b,
    json_t *resp)
{
    char         *s;
    size_t        len;
    json_t       *out, *e;
    llm_block_t  *t;

    out = json_object_get(resp, "output");
    e = json_object_get(resp, "error");

    if (e && out == NULL) {
        b->is_error = 1;
    }

    t = llm_arena_calloc(p->arena, 1, sizeof(llm_block_t));
    if (t == NULL) {
        goto nomem;
    }
    t->kind = LLM_BLOCK_TEXT;
    b->content = t;
    b->ncontent = 1;

    if (json_object_size(resp) == 1 && (json_is_string(out)
                                        || json_is_string(e)))
    {
        llm_json_str(out ? out : e, &t->text);
        return 0;
    }

    s = llm_json_dump(p->arena, resp, &len);
    if (s == NULL) {
        goto nomem;
    }
    llm_str_set(&t->text, s, len);
    return 0;

nomem:

    llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
    return -1;
}


static int
llm_gemini_parse_part(llm_gemini_parse_t *p, json_t *part, size_t i,
    size_t j, llm_message_t *m, llm_role_e role)
{
    int           ndata, thought, rc;
    char          where[64], id[LLM_GEMINI_CALL_ID_SIZE], *s;
    json_t       *text, *inl, *fd, *fc, *fr, *v;
    json_t       *f[LLM_GEMINI_NPART], *d[LLM_GEMINI_NDATA];
    llm_str_t     sig, str, empty;
    llm_block_t  *b;

    llm_path_format(where, sizeof(where), "contents[%zu].parts[%zu]", i,
                    j);

    if (!json_is_object(part)) {
        llm_gemini_invalid(p->err, "Invalid value at '%s' (type.googleapis"
                           ".com/google.ai.generativelanguage.v1beta.Part)",
                           where);
        return -1;
    }

    llm_gemini_pick(part, llm_gemini_part_names, LLM_GEMINI_NPART, f);

    if (llm_gemini_parse_sig(p, f[LLM_GEMINI_P_thoughtSignature], where,
                             &sig)
        != 0)
    {
        return -1;
    }

    thought = 0;
    if (llm_gemini_bool(f[LLM_GEMINI_P_thought], "thought", where, &thought,
                        p->err)
        < 0)
    {
        return -1;
    }

    text = f[LLM_GEMINI_P_text];
    inl = f[LLM_GEMINI_P_inlineData];
    fd = f[LLM_GEMINI_P_fileData];
    fc = f[LLM_GEMINI_P_functionCall];
    fr = f[LLM_GEMINI_P_functionResponse];

    ndata = (text != NULL) + (inl != NULL) + (fd != NULL) + (fc != NULL)
            + (fr != NULL);

    if (ndata == 0) {
        if (f[LLM_GEMINI_P_executableCode]
            || f[LLM_GEMINI_P_codeExecutionResult]
            || f[LLM_GEMINI_P_toolCall]
            || f[LLM_GEMINI_P_toolResponse])
        {
            llm_gemini_invalid(p->err, "%s: server-side tool parts cannot "
                               "be translated to another provider", where);
            return -1;
        }

        llm_gemini_invalid(p->err, "* GenerateContentRequest.%s.data: "
                           "required oneof field 'data' must have one "
                           "initialized field", where);
        return -1;
    }

    if (ndata > 1) {
        llm_gemini_invalid(p->err, "Invalid value at '%s': oneof field "
                           "'data' is already set. Cannot set another "
                           "field of the oneof", where);
        return -1;
    }

    empty.data = "";
    empty.len = 0;

    if (text) {
        if (llm_json_str(text, &str) != 0) {
            llm_gemini_invalid(p->err, "Invalid value at '%s.text' "
                               "(TYPE_STRING)", where);
            return -1;
        }

        if (thought && role == LLM_ROLE_ASSISTANT) {
            llm_gemini_reasoning(m, &str, &sig);
            return 0;
        }

        if (sig.len && role == LLM_ROLE_ASSISTANT) {
            llm_gemini_reasoning(m, &empty, &sig);
        }

        if (str.len) {
            b = llm_gemini_add_block(m, LLM_BLOCK_TEXT);
            b->text = str;
        }
        return 0;
    }

    if (sig.len && role == LLM_ROLE_ASSISTANT) {
        llm_gemini_reasoning(m, &empty, &sig);
    }

    /* the data object's members: in one walk, as for the part */
    llm_gemini_pick(inl ? inl : fd ? fd : fc ? fc : fr, llm_gemini_data_names,
                    LLM_GEMINI_NDATA, d);

    if (inl || fd) {
        v = inl ? inl : fd;
        b = llm_gemini_add_block(m, LLM_BLOCK_IMAGE);

        if (!json_is_object(v)
            || llm_gemini_str(d[LLM_GEMINI_D_mimeType], "mimeType", where,
                              &b->media_type, p->err)
               < 0
            || (inl && llm_gemini_str(d[LLM_GEMINI_D_data], "data", where,
                                      &b->data, p->err)
                       <= 0)
            || (fd && llm_gemini_str(d[LLM_GEMINI_D_fileUri], "fileUri",
                                     where, &b->url, p->err)
                      <= 0))
        {
            llm_gemini_invalid(p->err, "Invalid value at '%s.%s'", where,
                               inl ? "inline_data" : "file_data");
            return -1;
        }

        if (inl && b->media_type.len == 0) {
            llm_gemini_invalid(p->err, "* GenerateContentRequest.%s."
                               "inline_data.mime_type: mime_type is not "
                               "specified", where);
            return -1;
        }

        return 0;
    }

    if (fc) {
        if (role != LLM_ROLE_ASSISTANT) {
            llm_gemini_invalid(p->err, "%s: functionCall parts are only "
                               "allowed in model turns", where);
            return -1;
        }

        b = llm_gemini_add_block(m, LLM_BLOCK_TOOL_CALL);

        if (!json_is_object(fc)
            || llm_gemini_str(d[LLM_GEMINI_D_name], "name", where, &b->name,
                              p->err)
               <= 0
            || b->name.len == 0)
        {
            llm_gemini_invalid(p->err, "* GenerateContentRequest.%s."
                               "function_call.name: name is not specified",
                               where);
            return -1;
        }

        v = d[LLM_GEMINI_D_args];
        if (v == NULL) {
            v = llm_arena_keep(p->arena, json_object());
            if (v == NULL) {
                llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
                return -1;
            }

        } else if (!json_is_object(v)) {
            llm_gemini_invalid(p->err, "Invalid value at '%s.function_call"
                               ".args' (type.googleapis.com/google.protobuf"
                               ".Struct)", where);
            return -1;
        }
        b->args = v;

        rc = llm_gemini_str(d[LLM_GEMINI_D_id], "id", where, &b->id, p->err);
        if (rc < 0) {
            return -1;
        }

        if (rc == 0 || b->id.len == 0) {
            llm_gemini_call_id(id, NULL, i, j, &b->name);
            s = llm_arena_strndup(p->arena, id, strlen(id));
            if (s == NULL) {
                llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
                return -1;
            }
            llm_str_set(&b->id, s, strlen(s));
        }

        return llm_gemini_call_add(p, b);
    }

    /* functionResponse */

    if (role != LLM_ROLE_USER) {
        llm_gemini_invalid(p->err, "%s: functionResponse parts are only "
                           "allowed in user turns", where);
        return -1;
    }

    b = llm_gemini_add_block(m, LLM_BLOCK_TOOL_RESULT);

    if (!json_is_object(fr)
        || llm_gemini_str(d[LLM_GEMINI_D_name], "name", where, &b->name,
                          p->err)
           <= 0
        || b->name.len == 0)
    {
        llm_gemini_invalid(p->err, "* GenerateContentRequest.%s."
                           "function_response.name: name is not specified",
                           where);
        return -1;
    }

    v = d[LLM_GEMINI_D_response];
    if (!json_is_object(v)) {
        llm_gemini_invalid(p->err, "Invalid value at '%s.function_response"
                           ".response' (type.googleapis.com/google.protobuf"
                           ".Struct)", where);
        return -1;
    }
    b->response = v;

    rc = llm_gemini_str(d[LLM_GEMINI_D_id], "id", where, &b->call_id,
                        p->err);
    if (rc < 0) {
        return -1;
    }

    if (llm_gemini_pair(p, b, rc > 0 && b->call_id.len) != 0) {
        return -1;
    }

    return llm_gemini_response_text(p, b, v);
}


static int
llm_gemini_parse_content(llm_gemini_parse_t *p, json_t *c, size_t i,
    llm_message_t *m)
{
    size_t        j, k, n;
    json_t       *parts, *f[LLM_GEMINI_NCONTENT];
    llm_str_t     role;
    llm_block_t  *tmp;

    if (!json_is_object(c)) {
        llm_gemini_invalid(p->err, "Invalid value at 'contents[%zu]' (type."
                           "googleapis.com/google.ai.generativelanguage."
                           "v1beta.Content)", i);
        return -1;
    }

    llm_gemini_pick(c, llm_gemini_content_names, LLM_GEMINI_NCONTENT, f);

    role.data = NULL;
    llm_str_set(&role, NULL, 0);
    if (llm_json_str(f[LLM_GEMINI_N_role], &role) != 0
        && f[LLM_GEMINI_N_role])
    {
        llm_gemini_invalid(p->err, "Invalid value at 'contents[%zu].role' "
                           "(TYPE_STRING)", i);
        return -1;
    }

    if (role.len == 0 || llm_str_eq(&role, "user")) {
        m->role = LLM_ROLE_USER;

    } else if (llm_str_eq(&role, "model")) {
        m->role = LLM_ROLE_ASSISTANT;

    } else {
        llm_gemini_invalid(p->err, "Please use a valid role: user, model.");
        return -1;
    }

    parts = f[LLM_GEMINI_N_parts];
    if (parts && !json_is_array(parts)) {
        llm_gemini_invalid(p->err, "Invalid value at 'contents[%zu].parts' "
                           "(type.googleapis.com/google.ai."
                           "generativelanguage.v1beta.Part)", i);
        return -1;
    }

    n = json_array_size(parts);
    if (n == 0) {
        llm_gemini_invalid(p->err, "* GenerateContentRequest.contents[%zu]"
                           ".parts: contents.parts must not be empty.", i);
        return -1;
    }

    if (m->role == LLM_ROLE_ASSISTANT && !p->prev_model) {
        /* a new model turn: earlier calls can no longer be answered */
        p->ncalls = 0;
    }

    /* a part may add a signature block before its own */
    m->blocks = llm_arena_calloc(p->arena, 2 * n, sizeof(llm_block_t));
    if (m->blocks == NULL) {
        llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    for (j = 0; j < n; j++) {
        if (llm_gemini_parse_part(p, json_array_get(parts, j), i, j, m,
                                  m->role)
            != 0)
        {
            return -1;
        }
    }

    p->prev_model = (m->role == LLM_ROLE_ASSISTANT);

    if (m->role != LLM_ROLE_USER || m->nblocks < 2) {
        return 0;
    }

    /* the IR wants tool results first in a user message */
    tmp = llm_arena_alloc(p->arena, m->nblocks * sizeof(llm_block_t));
    if (tmp == NULL) {
        llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    k = 0;
    for (j = 0; j < m->nblocks; j++) {
        if (m->blocks[j].kind == LLM_BLOCK_TOOL_RESULT) {
            tmp[k++] = m->blocks[j];
        }
    }
    for (j = 0; j < m->nblocks; j++) {
        if (m->blocks[j].kind != LLM_BLOCK_TOOL_RESULT) {
            tmp[k++] = m->blocks[j];
        }
    }
    memcpy(m->blocks, tmp, m->nblocks * sizeof(llm_block_t));

    return 0;
}


static int
llm_gemini_parse_system(llm_gemini_parse_t *p, json_t *si,
    llm_request_t *req)
{
    size_t          j, n;
    json_t         *parts, *part, *f[LLM_GEMINI_NCONTENT];
    llm_message_t  *m;
    llm_block_t    *b;

    /* a Content: its role is not read */
    llm_gemini_pick(si, llm_gemini_content_names, LLM_GEMINI_NCONTENT, f);
    parts = f[LLM_GEMINI_N_parts];

    if (!json_is_object(si) || (parts && !json_is_array(parts))) {
        llm_gemini_invalid(p->err, "Invalid value at 'system_instruction' "
                           "(type.googleapis.com/google.ai."
                           "generativelanguage.v1beta.Content)");
        return -1;
    }

    n = json_array_size(parts);
    if (n == 0) {
        return 0;
    }

    m = llm_arena_calloc(p->arena, 1, sizeof(llm_message_t));
    if (m == NULL
        || (m->blocks = llm_arena_calloc(p->arena, n, sizeof(llm_block_t)))
           == NULL)
    {
        llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }
    m->role = LLM_ROLE_SYSTEM;

    for (j = 0; j < n; j++) {
        part = json_array_get(parts, j);
        b = &m->blocks[m->nblocks];

        if (!json_is_object(part)
            || llm_json_str(llm_gemini_get(part, "text"), &b->text) != 0)
        {
            llm_gemini_invalid(p->err, "Invalid value at 'system_instruction"
                               ".parts[%zu]': only text parts are "
                               "supported", j);
            return -1;
        }

        if (b->text.len) {
            b->kind = LLM_BLOCK_TEXT;
            m->nblocks++;
        }
    }

    if (m->nblocks) {
        req->system = m;
        req->nsystem = 1;
    }

    return 0;
}


/* Gemini Schema (OpenAPI subset) -> JSON Schema, in place on a copy:
 * lowercase types, nullable -> type [X, "null"], no propertyOrdering. */
static int
llm_gemini_schema_fix(json_t *s, int depth)
{
    char         buf[16];
    size_t       i, n;
    json_t      *t, *v, *nullable, *f;
    const char  *key, *ts;

    if (depth > LLM_GEMINI_SCHEMA_DEPTH) {
        return -1;
    }

    if (!json_is_object(s)) {
        return 0;
    }

    t = json_object_get(s, "type");
    if (json_is_string(t)) {
        ts = json_string_value(t);
        n = strlen(ts);

        if (strcmp(ts, "TYPE_UNSPECIFIED") == 0) {
            json_object_del(s, "type");
            t = NULL;

        } else if (n < sizeof(buf)) {
            for (i = 0; i <= n; i++) {
                buf[i] = (ts[i] >= 'A' && ts[i] <= 'Z')
                         ? (char) (ts[i] - 'A' + 'a') : ts[i];
            }
            t = json_string(buf);
            llm_json_set_new(s, "type", t);
        }
    }

    nullable = json_object_get(s, "nullable");
    if (json_is_true(nullable) && json_is_string(t)) {
        llm_json_set_new(s, "type", json_pack("[Os]", t, "null"));

    } else if (json_is_true(nullable)
               && json_is_array(v = json_object_get(s, "anyOf")))
    {
        json_array_append_new(v, llm_json_obj("type", llm_json_lit("null"),
                                              NULL));
    }
    json_object_del(s, "nullable");
    json_object_del(s, "propertyOrdering");

    f = json_object_get(s, "format");
    if (json_is_string(f) && strcmp(json_string_value(f), "enum") == 0) {
        json_object_del(s, "format");
    }

    json_object_foreach(json_object_get(s, "properties"), key, v) {
        if (llm_gemini_schema_fix(v, depth + 1) != 0) {
            return -1;
        }
    }

    if (llm_gemini_schema_fix(json_object_get(s, "items"), depth + 1) != 0)
    {
        return -1;
    }

    json_array_foreach(json_object_get(s, "anyOf"), i, v) {
        if (llm_gemini_schema_fix(v, depth + 1) != 0) {
            return -1;
        }
    }

    return 0;
}


static int
llm_gemini_schema(llm_gemini_parse_t *p, json_t *jsonschema, json_t *schema,
    const char *where, json_t **out)
{
    json_t  *s;

    if (jsonschema) {
        if (!json_is_object(jsonschema) && !json_is_boolean(jsonschema)) {
            llm_gemini_invalid(p->err, "Invalid value at '%s' "
                               "(google.protobuf.Value)", where);
            return -1;
        }
        *out = jsonschema;
        return 0;
    }

    if (schema == NULL) {
        *out = NULL;
        return 0;
    }

    if (!json_is_object(schema)) {
        llm_gemini_invalid(p->err, "Invalid value at '%s' (type.googleapis"
                           ".com/google.ai.generativelanguage.v1beta.Schema)",
                           where);
        return -1;
    }

    s = llm_arena_keep(p->arena, json_deep_copy(schema));
    if (s == NULL) {
        llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    if (llm_gemini_schema_fix(s, 0) != 0) {
        llm_gemini_invalid(p->err, "%s: schema is nested too deeply", where);
        return -1;
    }

    *out = s;
    return 0;
}


static int
llm_gemini_parse_thinking(llm_gemini_parse_t *p, json_t *tc,
    llm_request_t *req)
{
    int         rc;
    json_t     *f[LLM_GEMINI_NTHINKING];
    int64_t     budget;
    llm_str_t   level;

    if (!json_is_object(tc)) {
        llm_gemini_invalid(p->err, "Invalid value at 'generation_config."
                           "thinking_config' (type.googleapis.com/google.ai"
                           ".generativelanguage.v1beta.ThinkingConfig)");
        return -1;
    }

    llm_gemini_pick(tc, llm_gemini_thinking_names, LLM_GEMINI_NTHINKING, f);

    rc = llm_gemini_int(f[LLM_GEMINI_T_thinkingBudget], "thinkingBudget",
                        "generationConfig.thinkingConfig", &budget, p->err);
    if (rc < 0) {
        return -1;
    }

    level.len = 0;
    if (llm_gemini_str(f[LLM_GEMINI_T_thinkingLevel], "thinkingLevel",
                       "generationConfig.thinkingConfig", &level, p->err)
        < 0)
    {
        return -1;
    }

    if (rc > 0 && level.len) {
        llm_gemini_invalid(p->err, "thinking_budget and thinking_level are "
                           "not supported together.");
        return -1;
    }

    if (rc > 0) {
        if (budget == 0) {
            req->thinking = LLM_THINKING_DISABLED;

        } else if (budget < 0) {
            req->thinking = LLM_THINKING_ADAPTIVE;

        } else {
            req->thinking = LLM_THINKING_ENABLED;
            req->thinking_budget = budget;
        }

        return 0;
    }

    if (level.len == 0 || llm_str_eq(&level, "THINKING_LEVEL_UNSPECIFIED")) {
        return 0;
    }

    req->thinking = LLM_THINKING_ADAPTIVE;

    if (llm_str_eq(&level, "MINIMAL")) {
        req->effort = LLM_EFFORT_MINIMAL;

    } else if (llm_str_eq(&level, "LOW")) {
        req->effort = LLM_EFFORT_LOW;

    } else if (llm_str_eq(&level, "MEDIUM")) {
        req->effort = LLM_EFFORT_MEDIUM;

    } else if (llm_str_eq(&level, "HIGH")) {
        req->effort = LLM_EFFORT_HIGH;

    } else {
        llm_gemini_invalid(p->err, "Invalid value at 'generation_config."
                           "thinking_config.thinking_level' (type.googleapis"
                           ".com/google.ai.generativelanguage.v1beta."
                           "ThinkingConfig.ThinkingLevel), \"%.*s\"",
                           (int) level.len, level.data);
        return -1;
    }

    return 0;
}


/* the types of the generationConfig fields nothing translates */
static int
llm_gemini_check_config(json_t **f, llm_error_t *err)
{
    int          b;
    size_t       i, k;
    json_t      *v, *e;
    int64_t      n;
    const char  *where = "generationConfig";

    if (llm_gemini_int(f[LLM_GEMINI_C_logprobs], "logprobs", where, &n, err)
        < 0
        || llm_gemini_bool(f[LLM_GEMINI_C_enableEnhancedCivicAnswers],
                           "enableEnhancedCivicAnswers", where, &b, err)
           < 0
        || llm_gemini_bool(f[LLM_GEMINI_C_enableAffectiveDialog],
                           "enableAffectiveDialog", where, &b, err)
           < 0)
    {
        return -1;
    }

    if (!llm_gemini_enum_ok(f[LLM_GEMINI_C_mediaResolution])) {
        llm_gemini_invalid(err, "Invalid value at 'generation_config."
                           "media_resolution' (" LLM_GEMINI_TYPE
                           "GenerationConfig.MediaResolution)");
        return -1;
    }

    v = f[LLM_GEMINI_C_responseModalities];
    if (v) {
        if (!json_is_array(v)) {
            llm_gemini_invalid(err, "Invalid value at 'generation_config."
                               "response_modalities' (" LLM_GEMINI_TYPE
                               "GenerationConfig.Modality)");
            return -1;
        }
        json_array_foreach(v, i, e) {
            if (!llm_gemini_enum_ok(e)) {
                llm_gemini_invalid(err, "Invalid value at "
                                   "'generation_config.response_modalities"
                                   "[%zu]' (" LLM_GEMINI_TYPE
                                   "GenerationConfig.Modality)", i);
                return -1;
            }
        }
    }

    /* the objects, speechConfig ... modelConfig, in the table's order */
    for (k = LLM_GEMINI_C_speechConfig; k <= LLM_GEMINI_C_modelConfig; k++) {
        v = f[k];
        if (v && !json_is_object(v)) {
            llm_gemini_invalid(err, "Invalid value at '%s.%s'", where,
                               llm_gemini_config_fields[k]);
            return -1;
        }
    }

    return 0;
}


static int
llm_gemini_parse_config(llm_gemini_parse_t *p, json_t *gc,
    llm_request_t *req)
{
    int          rc, b;
    size_t       i;
    json_t      *v, *s, *f[LLM_GEMINI_NCONFIG];
    llm_str_t    mime;
    const char  *where = "generationConfig";

    if (!json_is_object(gc)) {
        llm_gemini_invalid(p->err, "Invalid value at 'generation_config' "
                           "(type.googleapis.com/google.ai."
                           "generativelanguage.v1beta.GenerationConfig)");
        return -1;
    }

    llm_gemini_pick(gc, llm_gemini_config_names, LLM_GEMINI_NCONFIG, f);

#define llm_gemini_cfg(get, key, field, flag)                              \
    if ((rc = get(f[LLM_GEMINI_C_##key], #key, where, &req->field,         \
                  p->err))                                                 \
        < 0)                                                               \
    {                                                                      \
        return -1;                                                         \
    }                                                                      \
    req->flag = (rc > 0)

    llm_gemini_cfg(llm_gemini_int, maxOutputTokens, max_tokens,
                   has_max_tokens);
    llm_gemini_cfg(llm_gemini_num, temperature, temperature,
                   has_temperature);
    llm_gemini_cfg(llm_gemini_num, topP, top_p, has_top_p);
    llm_gemini_cfg(llm_gemini_int, topK, top_k, has_top_k);
    llm_gemini_cfg(llm_gemini_int, candidateCount, n, has_n);
    llm_gemini_cfg(llm_gemini_int, seed, seed, has_seed);

#undef llm_gemini_cfg

    if (req->has_n && req->n < 1) {
        llm_gemini_invalid(p->err, "Invalid value at 'generation_config."
                           "candidate_count': must be at least 1");
        return -1;
    }

    for (i = 0; i < 2; i++) {
        double  d;

        rc = llm_gemini_num(f[i ? LLM_GEMINI_C_frequencyPenalty
                              : LLM_GEMINI_C_presencePenalty],
                            i ? "frequencyPenalty" : "presencePenalty",
                            where, &d, p->err);
        if (rc < 0) {
            return -1;
        }
        if (rc > 0) {
            req->has_penalties = 1;
        }
    }

    b = 0;
    if (llm_gemini_bool(f[LLM_GEMINI_C_responseLogprobs], "responseLogprobs",
                        where, &b, p->err)
        < 0)
    {
        return -1;
    }
    req->has_logprobs = b;

    if (llm_gemini_check_config(f, p->err) != 0) {
        return -1;
    }

    v = f[LLM_GEMINI_C_stopSequences];
    if (v) {
        if (!json_is_array(v)) {
            llm_gemini_invalid(p->err, "Invalid value at 'generation_config."
                               "stop_sequences' (TYPE_STRING)");
            return -1;
        }

        req->stop = llm_arena_calloc(p->arena, json_array_size(v) + 1,
                                     sizeof(llm_str_t));
        if (req->stop == NULL) {
            llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
            return -1;
        }

        json_array_foreach(v, i, s) {
            if (llm_json_str(s, &req->stop[i]) != 0) {
                llm_gemini_invalid(p->err, "Invalid value at "
                                   "'generation_config.stop_sequences[%zu]'"
                                   " (TYPE_STRING)", i);
                return -1;
            }
        }
        req->nstop = json_array_size(v);
    }

    mime.len = 0;
    if (llm_gemini_str(f[LLM_GEMINI_C_responseMimeType], "responseMimeType",
                       where, &mime, p->err)
        < 0)
    {
        return -1;
    }

    if (llm_str_eq(&mime, "application/json")
        || llm_str_eq(&mime, "text/x.enum"))
    {
        if (llm_gemini_schema(p, f[LLM_GEMINI_C_responseJsonSchema],
                              f[LLM_GEMINI_C_responseSchema],
                              "generation_config.response_schema",
                              &req->format_schema)
            != 0)
        {
            return -1;
        }

        req->format = req->format_schema ? LLM_FORMAT_JSON_SCHEMA
                                         : LLM_FORMAT_JSON_OBJECT;

        if (mime.data[0] == 't') {
            /* an enum answer: other dialects return it JSON-quoted */
            llm_warn(p->warn, "responseMimeType:approximated");
        }

    } else if (llm_str_eq(&mime, "text/plain")) {
        req->format = LLM_FORMAT_TEXT;

    } else if (mime.len) {
        llm_gemini_invalid(p->err, "* GenerateContentRequest.generation_"
                           "config.response_mime_type: allowed mimetypes "
                           "are `text/plain`, `application/json`, and "
                           "`text/x.enum`.");
        return -1;

    } else if (f[LLM_GEMINI_C_responseJsonSchema]
               || f[LLM_GEMINI_C_responseSchema])
    {
        llm_gemini_invalid(p->err, "* GenerateContentRequest.generation_"
                           "config.response_mime_type: response_mime_type "
                           "must be set when a response schema is given.");
        return -1;
    }

    v = f[LLM_GEMINI_C_thinkingConfig];
    if (v && llm_gemini_parse_thinking(p, v, req) != 0) {
        return -1;
    }

    return 0;
}


static int
llm_gemini_parse_tools(llm_gemini_parse_t *p, json_t *tools,
    llm_request_t *req)
{
    char          where[80];
    size_t        i, j, n;
    json_t       *tool, *decls, *d, *f[LLM_GEMINI_NDECL];
    llm_tool_t   *t;

    if (!json_is_array(tools)) {
        llm_gemini_invalid(p->err, "Invalid value at 'tools' (type."
                           "googleapis.com/google.ai.generativelanguage."
                           "v1beta.Tool)");
        return -1;
    }

    n = 0;
    json_array_foreach(tools, i, tool) {
        decls = llm_gemini_get(tool, "functionDeclarations");
        if (!json_is_object(tool) || (decls && !json_is_array(decls))) {
            llm_gemini_invalid(p->err, "Invalid value at 'tools[%zu]'", i);
            return -1;
        }
        n += json_array_size(decls);

        if (json_object_size(tool) > (decls != NULL)) {
            /* googleSearch, codeExecution, ...: Gemini's own servers */
            llm_warn(p->warn, "tools:dropped");
        }
    }

    if (n == 0) {
        return 0;
    }

    req->tools = llm_arena_calloc(p->arena, n, sizeof(llm_tool_t));
    if (req->tools == NULL) {
        llm_error_set(p->err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    json_array_foreach(tools, i, tool) {
        json_array_foreach(llm_gemini_get(tool, "functionDeclarations"), j,
                           d)
        {
            llm_path_format(where, sizeof(where),
                            "tools[%zu].function_declarations[%zu]", i, j);

            t = &req->tools[req->ntools];

            llm_gemini_pick(d, llm_gemini_decl_names, LLM_GEMINI_NDECL, f);

            if (!json_is_object(d)
                || llm_gemini_str(f[LLM_GEMINI_F_name], "name", where,
                                  &t->name, p->err)
                   <= 0
                || t->name.len == 0)
            {
                llm_gemini_invalid(p->err, "* GenerateContentRequest.%s."
                                   "name: name is not specified", where);
                return -1;
            }

            if (llm_gemini_str(f[LLM_GEMINI_F_description], "description",
                               where, &t->description, p->err)
                < 0)
            {
                return -1;
            }

            if (llm_gemini_schema(p, f[LLM_GEMINI_F_parametersJsonSchema],
                                  f[LLM_GEMINI_F_parameters], where,
                                  &t->schema)
                != 0)
            {
                return -1;
            }

            req->ntools++;
        }
    }

    return 0;
}


static int
llm_gemini_parse_tool_config(llm_gemini_parse_t *p, json_t *tc,
    llm_request_t *req)
{
    size_t        i, j, k;
    json_t       *fcc, *names, *v;
    llm_str_t     mode, name;

    fcc = json_is_object(tc) ? llm_gemini_get(tc, "functionCallingConfig")
                             : NULL;
    if (!json_is_object(tc) || (fcc && !json_is_object(fcc))) {
        llm_gemini_invalid(p->err, "Invalid value at 'tool_config' (type."
                           "googleapis.com/google.ai.generativelanguage."
                           "v1beta.ToolConfig)");
        return -1;
    }

    if (fcc == NULL) {
        return 0;
    }

    mode.len = 0;
    if (llm_gemini_str(llm_gemini_get(fcc, "mode"), "mode",
                       "toolConfig.functionCallingConfig", &mode, p->err)
        < 0)
    {
        return -1;
    }

    names = llm_gemini_get(fcc, "allowedFunctionNames");
    if (names && !json_is_array(names)) {
        llm_gemini_invalid(p->err, "Invalid value at 'tool_config."
                           "function_calling_config.allowed_function_names'"
                           " (TYPE_STRING)");
        return -1;
    }
    json_array_foreach(names, i, v) {
        if (!json_is_string(v)) {
            llm_gemini_invalid(p->err, "Invalid value at 'tool_config."
                               "function_calling_config."
                               "allowed_function_names[%zu]' (TYPE_STRING)",
                               i);
            return -1;
        }
    }

    if (mode.len == 0 || llm_str_eq(&mode, "AUTO")
        || llm_str_eq(&mode, "MODE_UNSPECIFIED"))
    {
        req->tool_choice = mode.len ? LLM_TOOL_CHOICE_AUTO
                                    : LLM_TOOL_CHOICE_UNSET;

    } else if (llm_str_eq(&mode, "VALIDATED")) {
        /* no other dialect validates calls against the schema */
        req->tool_choice = LLM_TOOL_CHOICE_AUTO;
        llm_warn(p->warn, "tool_choice:approximated");

    } else if (llm_str_eq(&mode, "NONE")) {
        req->tool_choice = LLM_TOOL_CHOICE_NONE;

    } else if (llm_str_eq(&mode, "ANY")) {
        req->tool_choice = LLM_TOOL_CHOICE_REQUIRED;

    } else {
        llm_gemini_invalid(p->err, "Invalid value at 'tool_config."
                           "function_calling_config.mode' (type.googleapis"
                           ".com/google.ai.generativelanguage.v1beta."
                           "FunctionCallingConfig.Mode), \"%.*s\"",
                           (int) mode.len, mode.data);
        return -1;
    }

    if (json_array_size(names) == 0
        || req->tool_choice != LLM_TOOL_CHOICE_REQUIRED)
    {
        return 0;
    }

    if (json_array_size(names) == 1) {
        req->tool_choice = LLM_TOOL_CHOICE_NAMED;
        llm_json_str(json_array_get(names, 0), &req->tool_choice_name);
        return 0;
    }

    /* ANY among some: keep only those declarations, any of them */
    k = 0;
    for (i = 0; i < req->ntools; i++) {
        json_array_foreach(names, j, v) {
            llm_json_str(v, &name);
            if (llm_str_eqs(&name, &req->tools[i].name)) {
                req->tools[k++] = req->tools[i];
                break;
            }
        }
    }
    req->ntools = k;

    return 0;
}


/*
 * Every top-level field of GenerateContentRequest (both spellings, as
 * protobuf JSON takes either; js-genai's converters and Vertex's
 * labels / modelArmorConfig, LLM_GEMINI_BODY): the API refuses any
 * other, and so do we, also for a passthrough.  f[] gets the fields.
 */
static int
llm_gemini_check_fields(json_t *body, json_t **f, llm_error_t *err)
{
    const char  *other;

    other = llm_gemini_pick(body, llm_gemini_body_names, LLM_GEMINI_NBODY,
                            f);
    if (other != NULL) {
        llm_gemini_invalid(err, "Invalid JSON payload received. Unknown "
                           "name \"%.200s\": Cannot find field.", other);
        return -1;
    }

    return 0;
}


/* the types of the top-level fields nothing translates */
static int
llm_gemini_check_extras(json_t **f, llm_error_t *err)
{
    size_t       i;
    json_t      *v, *e;
    const char  *key;

    v = f[LLM_GEMINI_B_safetySettings];
    if (v) {
        if (!json_is_array(v)) {
            llm_gemini_invalid(err, "Invalid value at 'safety_settings' ("
                               LLM_GEMINI_TYPE "SafetySetting)");
            return -1;
        }
        json_array_foreach(v, i, e) {
            if (!json_is_object(e)) {
                llm_gemini_invalid(err, "Invalid value at 'safety_settings"
                                   "[%zu]' (" LLM_GEMINI_TYPE
                                   "SafetySetting)", i);
                return -1;
            }
            if (!llm_gemini_enum_ok(llm_gemini_get(e, "category"))) {
                llm_gemini_invalid(err, "Invalid value at 'safety_settings"
                                   "[%zu].category' (" LLM_GEMINI_TYPE
                                   "HarmCategory)", i);
                return -1;
            }
            if (!llm_gemini_enum_ok(llm_gemini_get(e, "threshold"))) {
                llm_gemini_invalid(err, "Invalid value at 'safety_settings"
                                   "[%zu].threshold' (" LLM_GEMINI_TYPE
                                   "SafetySetting.HarmBlockThreshold)", i);
                return -1;
            }
        }
    }

    v = f[LLM_GEMINI_B_model];
    if (v && !json_is_string(v)) {
        llm_gemini_invalid(err, "Invalid value at 'model' (TYPE_STRING)");
        return -1;
    }

    v = f[LLM_GEMINI_B_store];
    if (v && !json_is_boolean(v)) {
        llm_gemini_invalid(err, "Invalid value at 'store' (TYPE_BOOL)");
        return -1;
    }

    if (!llm_gemini_enum_ok(f[LLM_GEMINI_B_serviceTier])) {
        llm_gemini_invalid(err, "Invalid value at 'service_tier' "
                           "(TYPE_ENUM)");
        return -1;
    }

    v = f[LLM_GEMINI_B_labels];
    if (v) {
        if (!json_is_object(v)) {
            llm_gemini_invalid(err, "Invalid value at 'labels' ("
                               LLM_GEMINI_TYPE "GenerateContentRequest."
                               "LabelsEntry)");
            return -1;
        }
        json_object_foreach(v, key, e) {
            if (!json_is_string(e)) {
                llm_gemini_invalid(err, "Invalid value at 'labels[%.100s]' "
                                   "(TYPE_STRING)", key);
                return -1;
            }
        }
    }

    v = f[LLM_GEMINI_B_modelArmorConfig];
    if (v && !json_is_object(v)) {
        llm_gemini_invalid(err, "Invalid value at 'model_armor_config'");
        return -1;
    }

    return 0;
}


static int
llm_gemini_parse_request(llm_arena_t *a, json_t *body, llm_request_t *req,
    llm_error_t *err, llm_warnings_t *w)
{
    size_t              i, n;
    json_t             *contents, *v, *f[LLM_GEMINI_NBODY];
    llm_message_t      *m;
    llm_gemini_parse_t  p;

    memset(&p, 0, sizeof(p));
    p.arena = a;
    p.err = err;
    p.warn = w;

    req->parallel_tool_calls = -1;

    if (llm_gemini_check_fields(body, f, err) != 0
        || llm_gemini_check_extras(f, err) != 0)
    {
        return -1;
    }

    contents = f[LLM_GEMINI_B_contents];
    if (contents && !json_is_array(contents)) {
        llm_gemini_invalid(err, "Invalid value at 'contents' (type."
                           "googleapis.com/google.ai.generativelanguage."
                           "v1beta.Content)");
        return -1;
    }

    n = json_array_size(contents);
    if (n == 0) {
        llm_gemini_invalid(err, "* GenerateContentRequest.contents: "
                           "contents is not specified");
        return -1;
    }

    if (f[LLM_GEMINI_B_cachedContent]) {
        /* the cached prompt lives at Google: nothing to translate */
        llm_gemini_invalid(err, "cachedContent cannot be translated to "
                           "another provider");
        return -1;
    }

    v = f[LLM_GEMINI_B_systemInstruction];
    if (v && llm_gemini_parse_system(&p, v, req) != 0) {
        return -1;
    }

    req->messages = llm_arena_calloc(a, n, sizeof(llm_message_t));
    if (req->messages == NULL) {
        llm_error_set(err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    for (i = 0; i < n; i++) {
        m = &req->messages[req->nmessages];

        if (llm_gemini_parse_content(&p, json_array_get(contents, i), i, m)
            != 0)
        {
            return -1;
        }

        /* contents made only of empty text say nothing */
        if (m->nblocks) {
            req->nmessages++;

        } else {
            memset(m, 0, sizeof(llm_message_t));
        }
    }

    if (req->nmessages == 0) {
        llm_gemini_invalid(err, "* GenerateContentRequest.contents: "
                           "contents is not specified");
        return -1;
    }

    v = f[LLM_GEMINI_B_generationConfig];
    if (v && llm_gemini_parse_config(&p, v, req) != 0) {
        return -1;
    }

    v = f[LLM_GEMINI_B_tools];
    if (v && llm_gemini_parse_tools(&p, v, req) != 0) {
        return -1;
    }

    v = f[LLM_GEMINI_B_toolConfig];
    if (v && llm_gemini_parse_tool_config(&p, v, req) != 0) {
        return -1;
    }

    if (f[LLM_GEMINI_B_safetySettings]) {
        llm_warn(w, "safetySettings:dropped");
    }

    return 0;
}


/*
 * The request check for a relayed body (llm_codec_t.check_request): the
 * rules of llm_gemini_parse_request above, read from the bytes, for the
 * shapes most requests have: contents of text parts (with their thought
 * signatures), a systemInstruction of text parts and the sampling fields
 * of generationConfig.  Model and stream are the path's: r is left as
 * the caller filled it.  Other parts, tools, safetySettings and members
 * the parse ignores are left to it (-1), as is a field given twice, in
 * either spelling (the parse reads the lowerCamelCase one alone).
 */

/* a field in either of the spellings protobuf JSON takes */
#define llm_gemini_key_is(k, camel, snake)                                 \
    (llm_jpull_key_is(k, camel) || llm_jpull_key_is(k, snake))


/* A part of contents: a text, maybe with its signature.  *text and *sig
 * are set when they are not empty (an escape never is). */
static int
llm_gemini_check_part(llm_jpull_t *j, int *text, int *sig)
{
    int        rc, escaped;
    size_t     i;
    unsigned   seen, bit;
    llm_str_t  k, s;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "text")) {
            bit = 1;

            /* null is absent: a part without data, refused */
            if (llm_jpull_string(j, &s, &escaped) != 0) {
                return -1;
            }
            *text |= (s.len != 0);

        } else if (llm_gemini_key_is(&k, "thoughtSignature",
                                     "thought_signature"))
        {
            bit = 2;

            if (!llm_jpull_null(j)) {
                if (llm_jpull_string(j, &s, &escaped) != 0) {
                    return -1;
                }
                *sig |= (s.len != 0);
            }

        } else {
            return -1;
        }

        if (seen & bit) {
            return -1;
        }
        seen |= bit;
    }

    return (rc == 0 && (seen & 1)) ? 0 : -1;
}


/* One content: *blocks set when it gives the IR a block (a text that is
 * not empty, or a model turn's signature). */
static int
llm_gemini_check_content(llm_jpull_t *j, int *blocks)
{
    int        rc, model, text, sig;
    size_t     i, n;
    unsigned   seen, bit;
    llm_str_t  k, role;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;
    model = 0;
    text = 0;
    sig = 0;
    n = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "role")) {
            bit = 1;

            /* null or "" is a user turn */
            if (!llm_jpull_null(j)) {
                if (llm_jpull_plain(j, &role) != 0) {
                    return -1;
                }

                if (llm_jpull_key_is(&role, "model")) {
                    model = 1;

                } else if (role.len != 0
                           && !llm_jpull_key_is(&role, "user"))
                {
                    return -1;
                }
            }

        } else if (llm_jpull_key_is(&k, "parts")) {
            bit = 2;

            if (llm_jpull_open(j, '[') != 0) {
                return -1;
            }

            for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
                if (llm_gemini_check_part(j, &text, &sig) != 0) {
                    return -1;
                }
            }

            if (rc != 0) {
                return -1;
            }

        } else {
            return -1;
        }

        if (seen & bit) {
            return -1;
        }
        seen |= bit;
    }

    /* parts must not be empty (nor null, nor absent) */
    if (rc != 0 || n == 0) {
        return -1;
    }

    /* a signature comes before the text only in model turns; in either
     * role, the role may follow the parts */
    *blocks |= text || (model && sig);
    return 0;
}


static int
llm_gemini_check_contents(llm_jpull_t *j)
{
    int     rc, blocks;
    size_t  i;

    if (llm_jpull_open(j, '[') != 0) {
        return -1;
    }

    blocks = 0;

    for (i = 0; (rc = llm_jpull_element(j, i)) == 1; i++) {
        if (llm_gemini_check_content(j, &blocks) != 0) {
            return -1;
        }
    }

    /* contents made only of empty text say nothing: as none at all */
    return (rc == 0 && blocks) ? 0 : -1;
}


/* systemInstruction: its parts may be absent, null or empty; each part
 * is a text (empty ones are dropped).  The parse reads no role. */
static int
llm_gemini_check_system(llm_jpull_t *j)
{
    int        rc, escaped;
    size_t     i, n;
    unsigned   seen, bit;
    llm_str_t  k, s;

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "role")) {
            bit = 1;
            rc = llm_jpull_opt_string(j);

        } else if (llm_jpull_key_is(&k, "parts")) {
            bit = 2;
            rc = 0;

            if (!llm_jpull_null(j)) {
                if (llm_jpull_open(j, '[') != 0) {
                    return -1;
                }

                for (n = 0; (rc = llm_jpull_element(j, n)) == 1; n++) {
                    /* exactly {"text": a string} */
                    if (llm_jpull_open(j, '{') != 0
                        || llm_jpull_member(j, 0, &k) != 1
                        || !llm_jpull_key_is(&k, "text")
                        || llm_jpull_string(j, &s, &escaped) != 0
                        || llm_jpull_member(j, 1, &k) != 0)
                    {
                        return -1;
                    }
                }
            }

        } else {
            return -1;
        }

        if (rc != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;
    }

    return rc;
}


/* responseMimeType: the text and JSON answers; text/x.enum (a warning)
 * and anything else are the parse's */
static int
llm_gemini_check_mime(llm_jpull_t *j)
{
    llm_str_t  s;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_plain(j, &s) != 0) {
        return -1;
    }

    return (s.len == 0 || llm_jpull_key_is(&s, "text/plain")
            || llm_jpull_key_is(&s, "application/json"))
           ? 0 : -1;
}


static int
llm_gemini_check_thinking(llm_jpull_t *j)
{
    int        rc, b, budget, level;
    size_t     i;
    unsigned   seen, bit;
    llm_str_t  k, s;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;
    budget = 0;
    level = 0;

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        if (llm_gemini_key_is(&k, "thinkingBudget", "thinking_budget")) {
            bit = 1;
            budget = !llm_jpull_null(j);
            rc = budget ? llm_jpull_opt_int(j, INT64_MIN, INT64_MAX) : 0;

        } else if (llm_gemini_key_is(&k, "thinkingLevel", "thinking_level"))
        {
            bit = 2;

            if (llm_jpull_null(j)) {
                rc = 0;

            } else if (llm_jpull_plain(j, &s) != 0) {
                return -1;

            } else {
                level = (s.len != 0);
                rc = (s.len == 0
                      || llm_jpull_key_is(&s, "THINKING_LEVEL_UNSPECIFIED")
                      || llm_jpull_key_is(&s, "MINIMAL")
                      || llm_jpull_key_is(&s, "LOW")
                      || llm_jpull_key_is(&s, "MEDIUM")
                      || llm_jpull_key_is(&s, "HIGH"))
                     ? 0 : -1;
            }

        } else if (llm_gemini_key_is(&k, "includeThoughts",
                                     "include_thoughts"))
        {
            bit = 4;                        /* read by no emitter */
            rc = llm_jpull_opt_bool(j, &b);

        } else {
            return -1;
        }

        if (rc != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;
    }

    /* a budget and a level (even THINKING_LEVEL_UNSPECIFIED) clash */
    return (rc == 0 && !(budget && level)) ? 0 : -1;
}


/* generationConfig: the numbers have no bounds but candidateCount's */
static int
llm_gemini_check_generation(llm_jpull_t *j)
{
    int        rc, b;
    size_t     i;
    unsigned   seen, bit;
    llm_str_t  k;

    if (llm_jpull_null(j)) {
        return 0;
    }

    if (llm_jpull_open(j, '{') != 0) {
        return -1;
    }

    seen = 0;

#define LLM_GEMINI_CHECK(n, camel, snake, test)                            \
    if (llm_gemini_key_is(&k, camel, snake)) {                             \
        bit = 1u << n;                                                     \
        rc = test;                                                         \
    } else

    for (i = 0; (rc = llm_jpull_member(j, i, &k)) == 1; i++) {

        LLM_GEMINI_CHECK(0, "temperature", "temperature",
                         llm_jpull_opt_number(j, -DBL_MAX, DBL_MAX))
        LLM_GEMINI_CHECK(1, "maxOutputTokens", "max_output_tokens",
                         llm_jpull_opt_int(j, INT64_MIN, INT64_MAX))
        LLM_GEMINI_CHECK(2, "topP", "top_p",
                         llm_jpull_opt_number(j, -DBL_MAX, DBL_MAX))
        LLM_GEMINI_CHECK(3, "topK", "top_k",
                         llm_jpull_opt_int(j, INT64_MIN, INT64_MAX))
        LLM_GEMINI_CHECK(4, "candidateCount", "candidate_count",
                         llm_jpull_opt_int(j, 1, INT64_MAX))
        LLM_GEMINI_CHECK(5, "seed", "seed",
                         llm_jpull_opt_int(j, INT64_MIN, INT64_MAX))
        LLM_GEMINI_CHECK(6, "presencePenalty", "presence_penalty",
                         llm_jpull_opt_number(j, -DBL_MAX, DBL_MAX))
        LLM_GEMINI_CHECK(7, "frequencyPenalty", "frequency_penalty",
                         llm_jpull_opt_number(j, -DBL_MAX, DBL_MAX))
        LLM_GEMINI_CHECK(8, "stopSequences", "stop_sequences",
                         llm_jpull_opt_array(j, llm_jpull_any_string))
        LLM_GEMINI_CHECK(9, "responseMimeType", "response_mime_type",
                         llm_gemini_check_mime(j))
        LLM_GEMINI_CHECK(10, "responseLogprobs", "response_logprobs",
                         llm_jpull_opt_bool(j, &b))
        LLM_GEMINI_CHECK(11, "logprobs", "logprobs",
                         llm_jpull_opt_int(j, INT64_MIN, INT64_MAX))
        LLM_GEMINI_CHECK(12, "thinkingConfig", "thinking_config",
                         llm_gemini_check_thinking(j))
        {
            return -1;
        }

        if (rc != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;
    }

#undef LLM_GEMINI_CHECK

    return rc;
}


static int
llm_gemini_check_request(const char *body, size_t len, llm_relay_t *r)
{
    int           rc;
    size_t        i;
    unsigned      seen, bit;
    llm_str_t     k;
    llm_jpull_t   j;

    (void) r;                   /* model and stream are the path's */

    llm_jpull_init(&j, body, len);

    if (llm_jpull_open(&j, '{') != 0) {
        return -1;
    }

    seen = 0;

    for (i = 0; (rc = llm_jpull_member(&j, i, &k)) == 1; i++) {

        if (llm_jpull_key_is(&k, "contents")) {
            bit = 1;
            rc = llm_gemini_check_contents(&j);

        } else if (llm_gemini_key_is(&k, "systemInstruction",
                                     "system_instruction"))
        {
            bit = 2;
            rc = llm_jpull_null(&j) ? 0 : llm_gemini_check_system(&j);

        } else if (llm_gemini_key_is(&k, "generationConfig",
                                     "generation_config"))
        {
            bit = 4;
            rc = llm_gemini_check_generation(&j);

        } else if (llm_jpull_key_is(&k, "model")) {
            bit = 8;                    /* a string, else unread */
            rc = llm_jpull_opt_string(&j);

        } else {
            return -1;
        }

        if (rc != 0 || (seen & bit)) {
            return -1;
        }
        seen |= bit;
    }

    /* contents are required: absent or null, the parse refuses */
    if (rc != 0 || llm_jpull_end(&j) != 0 || !(seen & 1)) {
        return -1;
    }

    return 0;
}


/* ---------------------------------------------------------------------
 * emit_request
 */

/* The family decides how thinking is asked for: 3.x and later take a
 * thinkingLevel, earlier models a thinkingBudget.  0: not a "gemini-N"
 * name (tuned models, Gemma): treated as a budget model. */
static int
llm_gemini_major(const llm_str_t *model)
{
    const char  *s, *end;

    s = model->data;
    end = s ? s + model->len : s;

    if (s && model->len > 7 && memcmp(s, "models/", 7) == 0) {
        s += 7;
    }

    if (s == NULL || end - s < 8 || memcmp(s, "gemini-", 7) != 0
        || s[7] < '0' || s[7] > '9')
    {
        return 0;
    }

    return s[7] - '0';
}


static int
llm_gemini_contains(const llm_str_t *s, const char *what)
{
    size_t  i, n = strlen(what);

    for (i = 0; s->data && i + n <= s->len; i++) {
        if (memcmp(s->data + i, what, n) == 0) {
            return 1;
        }
    }

    return 0;
}


/* dialects.md 5.10 */
static json_t *
llm_gemini_thinking(const llm_request_t *req, const llm_str_t *model,
    llm_warnings_t *w)
{
    int           pro, include;
    int64_t       budget;
    const char   *level;
    llm_effort_e  e;

    static const int64_t  budgets[] = {
        -1,     /* unset: dynamic */
        0,      /* none */
        512,    /* minimal: the lowest every 2.5 model accepts */
        1024, 2048, 4096, 8192
    };

    if (req->thinking == LLM_THINKING_UNSET
        && req->effort == LLM_EFFORT_UNSET)
    {
        return NULL;
    }

    pro = llm_gemini_contains(model, "-pro");
    e = req->effort;

    if (req->thinking == LLM_THINKING_DISABLED) {
        e = LLM_EFFORT_NONE;
    }

    include = (e != LLM_EFFORT_NONE);

    if (llm_gemini_major(model) >= 3) {
        if (e == LLM_EFFORT_UNSET && req->thinking == LLM_THINKING_ENABLED
            && req->thinking_budget > 0)
        {
            e = req->thinking_budget <= 1024 ? LLM_EFFORT_LOW
                : req->thinking_budget <= 8192 ? LLM_EFFORT_MEDIUM
                : LLM_EFFORT_HIGH;
        }

        switch (e) {
        case LLM_EFFORT_UNSET:
            level = NULL;
            break;
        case LLM_EFFORT_NONE:
        case LLM_EFFORT_MINIMAL:
            if (pro) {
                /* 3 Pro cannot think less than LOW */
                llm_warn(w, "thinking:approximated");
                level = "LOW";
            } else {
                level = "MINIMAL";
            }
            break;
        case LLM_EFFORT_LOW:
            level = "LOW";
            break;
        case LLM_EFFORT_MEDIUM:
            level = pro ? "HIGH" : "MEDIUM";
            break;
        default:
            level = "HIGH";
            break;
        }

        return level ? llm_json_obj("thinkingLevel", json_string(level),
                                    "includeThoughts", json_boolean(include),
                                    NULL)
                     : llm_json_obj("includeThoughts", json_boolean(include),
                                    NULL);
    }

    if (req->thinking == LLM_THINKING_ENABLED && req->thinking_budget > 0) {
        budget = req->thinking_budget;

    } else {
        budget = budgets[e];
    }

    if (budget == 0 && llm_gemini_contains(model, "2.5-pro")) {
        /* 2.5 Pro cannot disable thinking: its minimum */
        llm_warn(w, "thinking:approximated");
        budget = 128;
        include = 0;
    }

    return llm_json_obj("thinkingBudget", llm_json_int(budget),
                        "includeThoughts", json_boolean(include), NULL);
}


static json_t *
llm_gemini_emit_config(llm_gemini_emit_t *e, const llm_str_t *model)
{
    size_t                i, n;
    json_t               *gc, *stop, *tc;
    const llm_request_t  *req = e->req;

    gc = json_object();
    if (gc == NULL) {
        return NULL;
    }

    if (req->has_max_tokens) {
        llm_gemini_set(gc, "maxOutputTokens", json_integer(req->max_tokens));
    }
    if (req->has_temperature) {
        llm_gemini_set(gc, "temperature", json_real(req->temperature));
    }
    if (req->has_top_p) {
        llm_gemini_set(gc, "topP", json_real(req->top_p));
    }
    if (req->has_top_k) {
        llm_gemini_set(gc, "topK", json_integer(req->top_k));
    }

    if (req->nstop) {
        n = req->nstop;
        if (n > LLM_GEMINI_MAX_STOP) {
            n = LLM_GEMINI_MAX_STOP;
            llm_warn(e->warn, "stop:truncated");
        }

        stop = json_array();
        for (i = 0; i < n; i++) {
            json_array_append_new(stop, llm_json_strn(&req->stop[i]));
        }
        llm_gemini_set(gc, "stopSequences", stop);
    }

    if (req->has_n) {
        llm_gemini_set(gc, "candidateCount", json_integer(req->n));
    }
    if (req->has_seed) {
        llm_gemini_set(gc, "seed", json_integer(req->seed));
    }
    if (req->has_penalties) {
        /* the IR keeps no values to send */
        llm_warn(e->warn, "penalties:dropped");
    }
    if (req->has_logprobs) {
        llm_gemini_set(gc, "responseLogprobs", json_true());
    }

    if (req->format == LLM_FORMAT_JSON_OBJECT
        || req->format == LLM_FORMAT_JSON_SCHEMA)
    {
        llm_gemini_set(gc, "responseMimeType",
                       json_string("application/json"));
        if (req->format == LLM_FORMAT_JSON_SCHEMA && req->format_schema) {
            json_object_set(gc, "responseJsonSchema", req->format_schema);
        }
    }

    tc = llm_gemini_thinking(req, model, e->warn);
    if (tc) {
        llm_gemini_set(gc, "thinkingConfig", tc);
    }

    return gc;
}


static const char *
llm_gemini_mime_from_url(const llm_str_t *url)
{
    size_t       i, end, dot;
    const char  *ext;

    static const struct {
        const char  *ext;
        const char  *mime;
    } types[] = {
        { "png", "image/png" }, { "jpg", "image/jpeg" },
        { "jpeg", "image/jpeg" }, { "gif", "image/gif" },
        { "webp", "image/webp" }, { "heic", "image/heic" },
        { "heif", "image/heif" }, { "pdf", "application/pdf" },
        { "wav", "audio/wav" }, { "mp3", "audio/mp3" },
        { "mp4", "video/mp4" }
    };

    end = url->len;
    for (i = 0; i < url->len; i++) {
        if (url->data[i] == '?' || url->data[i] == '#') {
            end = i;
            break;
        }
    }

    dot = end;
    for (i = end; i > 0; i--) {
        if (url->data[i - 1] == '.') {
            dot = i;
            break;
        }
        if (url->data[i - 1] == '/') {
            break;
        }
    }

    ext = url->data + dot;
    for (i = 0; dot < end && i < sizeof(types) / sizeof(types[0]); i++) {
        if (strlen(types[i].ext) == end - dot
            && strncasecmp(types[i].ext, ext, end - dot) == 0)
        {
            return types[i].mime;
        }
    }

    return "image/jpeg";
}


static json_t *
llm_gemini_image(llm_gemini_emit_t *e, const llm_block_t *b)
{
    size_t       i;
    llm_str_t    mime, data;
    const char  *p, *comma, *mt;

    if (b->url.len == 0) {
        return llm_json_obj("inlineData",
                            llm_json_obj("mimeType",
                                         llm_json_strn(&b->media_type),
                                         "data",
                                         llm_json_strn(&b->data),
                                         NULL),
                            NULL);
    }

    if (b->url.len > 5 && strncasecmp(b->url.data, "data:", 5) == 0) {
        p = b->url.data + 5;
        comma = memchr(p, ',', b->url.len - 5);

        if (comma == NULL || comma - p < 7
            || strncmp(comma - 7, ";base64", 7) != 0)
        {
            llm_gemini_invalid(e->err, "image data URLs must be base64");
            return NULL;
        }

        llm_str_set(&mime, p, (size_t) (comma - 7 - p));
        for (i = 0; i < mime.len; i++) {
            if (mime.data[i] == ';') {
                mime.len = i;
                break;
            }
        }
        llm_str_set(&data, comma + 1,
                    b->url.len - (size_t) (comma + 1 - b->url.data));

        return llm_json_obj("inlineData",
                            llm_json_obj("mimeType",
                                         llm_json_stringn(mime.data, mime.len),
                                         "data",
                                         llm_json_stringn(data.data, data.len),
                                         NULL),
                            NULL);
    }

    /* newer models fetch HTTPS fileUri themselves (dialects.md 5.6) */
    mt = b->media_type.len ? llm_arena_strndup(e->arena, b->media_type.data,
                                               b->media_type.len)
                           : llm_gemini_mime_from_url(&b->url);

    return llm_json_obj("fileData",
                        llm_json_obj("mimeType", json_string(mt),
                                     "fileUri",
                                     llm_json_stringn(b->url.data, b->url.len),
                                     NULL),
                        NULL);
}


static void
llm_gemini_content_close(llm_gemini_emit_t *e)
{
    size_t   i, n;
    json_t  *part;

    if (e->parts == NULL) {
        return;
    }

    n = json_array_size(e->parts);

    if (n && e->pending.data) {
        /* a signature after the last part: Gemini puts those there */
        part = json_array_get(e->parts, n - 1);
        if (json_object_get(part, "thoughtSignature") == NULL) {
            llm_json_set_new(part, "thoughtSignature",
                             llm_json_strn(&e->pending));
        }
    }
    e->pending.data = NULL;
    e->pending.len = 0;
    e->pending_call = 0;

    if (n && e->dummy_sig && e->role == LLM_ROLE_ASSISTANT) {
        for (i = 0; i < n; i++) {
            part = json_array_get(e->parts, i);
            if (json_object_get(part, "functionCall")) {
                if (json_object_get(part, "thoughtSignature") == NULL) {
                    llm_json_set_new(part, "thoughtSignature",
                                     json_string(LLM_GEMINI_DUMMY_SIG));
                }
                break;
            }
        }
    }

    if (n) {
        json_array_append_new(e->contents,
            llm_json_obj("role", llm_json_lit(e->role == LLM_ROLE_ASSISTANT
                                              ? "model" : "user"),
                         "parts", e->parts, NULL));

    } else {
        json_decref(e->parts);
    }

    e->parts = NULL;
}


static int
llm_gemini_part(llm_gemini_emit_t *e, json_t *part, int thought)
{
    if (part == NULL) {
        if (e->err->kind == LLM_ERR_NONE) {
            llm_error_set(e->err, LLM_ERR_SERVER, "out of memory");
        }
        return -1;
    }

    if (e->pending.data && !thought
        && (!e->pending_call || json_object_get(part, "functionCall")))
    {
        llm_json_set_new(part, "thoughtSignature",
                         llm_json_strn(&e->pending));
        e->pending.data = NULL;
        e->pending.len = 0;
    }

    json_array_append_new(e->parts, part);
    return 0;
}


/* The function a result answers: Gemini needs its name, which O and A
 * results lack; the call with that id earlier in the request has it. */
static int
llm_gemini_result_name(llm_gemini_emit_t *e, size_t mi,
    const llm_block_t *r, llm_str_t *name)
{
    size_t                i, j;
    const llm_message_t  *m;

    for (i = mi; i-- > 0; ) {
        m = &e->req->messages[i];

        for (j = m->nblocks; j-- > 0; ) {
            if (m->blocks[j].kind == LLM_BLOCK_TOOL_CALL
                && llm_str_eqs(&m->blocks[j].id, &r->call_id))
            {
                *name = m->blocks[j].name;
                return 0;
            }
        }
    }

    if (r->name.len) {
        *name = r->name;
        return 0;
    }

    llm_gemini_invalid(e->err, "tool result for call \"%.*s\" answers no "
                       "tool call of the conversation: Gemini needs the "
                       "function name", (int) r->call_id.len,
                       r->call_id.data ? r->call_id.data : "");
    return -1;
}


static json_t *
llm_gemini_result(llm_gemini_emit_t *e, size_t mi, const llm_block_t *r)
{
    char        *s;
    size_t       i, len;
    json_t      *fr, *resp, *media, *img;
    llm_str_t    name;

    if (llm_gemini_result_name(e, mi, r, &name) != 0) {
        return NULL;
    }

    media = NULL;

    if (json_is_object(r->response)) {
        resp = json_incref(r->response);

    } else {
        len = 0;
        for (i = 0; i < r->ncontent; i++) {
            if (r->content[i].kind == LLM_BLOCK_TEXT) {
                len += r->content[i].text.len + 1;
            }
        }

        s = llm_arena_alloc(e->arena, len + 1);
        if (s == NULL) {
            return NULL;
        }

        len = 0;
        for (i = 0; i < r->ncontent; i++) {
            if (r->content[i].kind == LLM_BLOCK_TEXT) {
                if (len) {
                    s[len++] = '\n';
                }
                if (r->content[i].text.len) {
                    memcpy(s + len, r->content[i].text.data,
                           r->content[i].text.len);
                    len += r->content[i].text.len;
                }

            } else if (r->content[i].kind == LLM_BLOCK_IMAGE) {
                /* newer models read media inside a functionResponse */
                img = llm_gemini_image(e, &r->content[i]);
                if (img == NULL) {
                    json_decref(media);
                    return NULL;
                }
                if (media == NULL) {
                    media = json_array();
                }
                json_array_append_new(media, img);
            }
        }

        /* by convention results go under "output", failures "error" */
        resp = llm_json_obj(r->is_error ? "error" : "output",
                            llm_json_stringn(s, len),
                            NULL);
    }

    fr = llm_json_obj("name", llm_json_stringn(name.data, name.len),
                      "response", resp, NULL);
    if (fr && media) {
        llm_json_set_new(fr, "parts", media);

    } else {
        json_decref(media);
    }

    return fr ? llm_json_obj("functionResponse", fr, NULL) : NULL;
}


static int
llm_gemini_emit_block(llm_gemini_emit_t *e, size_t mi, size_t bi)
{
    size_t              k;
    json_t             *fc, *part;
    const llm_block_t  *b;
    const llm_message_t  *m;

    m = &e->req->messages[mi];
    b = &m->blocks[bi];

    switch (b->kind) {

    case LLM_BLOCK_TEXT:
        if (b->text.len == 0) {
            return 0;
        }
        return llm_gemini_part(e, llm_json_obj("text",
                                               llm_json_stringn(b->text.data,
                                                                b->text.len),
                                               NULL),
                               0);

    case LLM_BLOCK_IMAGE:
        return llm_gemini_part(e, llm_gemini_image(e, b), 0);

    case LLM_BLOCK_TOOL_CALL:
        if (b->args == NULL && b->args_json.data) {
            llm_gemini_invalid(e->err, "the arguments of tool call \"%.*s\" "
                               "are not valid JSON", (int) b->id.len,
                               b->id.data ? b->id.data : "");
            return -1;
        }
        if (b->args && !json_is_object(b->args)) {
            llm_gemini_invalid(e->err, "the arguments of tool call \"%.*s\" "
                               "must be a JSON object", (int) b->id.len,
                               b->id.data ? b->id.data : "");
            return -1;
        }

        /* ids are left out: Gemini pairs calls and results by name and
         * order, and rejects ids it did not mint on some surfaces */
        fc = llm_json_obj("name",
                          llm_json_strn(&b->name),
                          "args",
                          b->args ? json_incref(b->args) : json_object(),
                          NULL);
        return llm_gemini_part(e, fc ? llm_json_obj("functionCall", fc, NULL)
                                     : NULL,
                               0);

    case LLM_BLOCK_TOOL_RESULT:
        return llm_gemini_part(e, llm_gemini_result(e, mi, b), 0);

    case LLM_BLOCK_REASONING:
        if (b->signature_origin != LLM_DIALECT_GEMINI) {
            llm_warn(e->warn, "thinking:dropped");
            return 0;
        }

        if (b->text.len) {
            part = llm_json_obj("text",
                                llm_json_stringn(b->text.data, b->text.len),
                                "thought", json_boolean(1), NULL);
            if (llm_gemini_part(e, part, 1) != 0) {
                return -1;
            }
        }

        if (b->signature.len) {
            /* Gemini signs the first functionCall of a turn, else its
             * last part; histories from other dialects move reasoning
             * to the front of the message, so look for the call */
            e->pending = b->signature;
            e->pending_call = 0;
            for (k = bi + 1; k < m->nblocks; k++) {
                if (m->blocks[k].kind == LLM_BLOCK_TOOL_CALL) {
                    e->pending_call = 1;
                    break;
                }
            }
        }
        return 0;

    case LLM_BLOCK_REDACTED_REASONING:
        llm_warn(e->warn, "thinking:dropped");
        return 0;
    }

    return 0;
}


static json_t *
llm_gemini_emit_request(llm_arena_t *a, const llm_request_t *req,
    const llm_options_t *opt, llm_error_t *err, llm_warnings_t *w)
{
    size_t              i, j;
    json_t             *body, *parts, *decls, *d, *gc, *fcc, *v;
    const llm_str_t    *model;
    llm_gemini_emit_t   e;
    const llm_message_t  *m;

    static const char  *modes[] = { NULL, "AUTO", "NONE", "ANY", "ANY" };

    model = opt && opt->upstream_model.len ? &opt->upstream_model
                                           : &req->model;

    memset(&e, 0, sizeof(e));
    e.arena = a;
    e.err = err;
    e.warn = w;
    e.req = req;
    e.dummy_sig = llm_gemini_major(model) >= 3;

    body = json_object();
    e.contents = json_array();
    if (body == NULL || e.contents == NULL) {
        goto failed;
    }
    llm_json_set_new(body, "contents", e.contents);

    for (i = 0; i < req->nmessages; i++) {
        m = &req->messages[i];

        if (m->role == LLM_ROLE_SYSTEM) {
            continue;
        }

        if (e.parts == NULL || e.role != m->role) {
            /* Gemini wants user and model turns to alternate */
            llm_gemini_content_close(&e);
            e.role = m->role;
            e.parts = json_array();
            if (e.parts == NULL) {
                goto failed;
            }
        }

        for (j = 0; j < m->nblocks; j++) {
            if (llm_gemini_emit_block(&e, i, j) != 0) {
                goto failed;
            }
        }
    }
    llm_gemini_content_close(&e);

    if (json_array_size(e.contents) == 0) {
        llm_gemini_invalid(err, "the request has no content to send");
        goto failed;
    }

    parts = json_array();
    for (i = 0; i < req->nsystem; i++) {
        m = &req->system[i];
        for (j = 0; j < m->nblocks; j++) {
            if (m->blocks[j].kind == LLM_BLOCK_TEXT && m->blocks[j].text.len)
            {
                json_array_append_new(parts,
                    llm_json_obj("text",
                                 llm_json_stringn(m->blocks[j].text.data,
                                                  m->blocks[j].text.len),
                                 NULL));
            }
        }
    }
    if (json_array_size(parts)) {
        llm_json_set_new(body, "systemInstruction",
                         llm_json_obj("parts", parts, NULL));

    } else {
        json_decref(parts);
    }

    if (req->ntools) {
        decls = json_array();
        for (i = 0; i < req->ntools; i++) {
            d = llm_json_obj("name",
                             llm_json_stringn(req->tools[i].name.data,
                                              req->tools[i].name.len),
                             NULL);
            if (d == NULL) {
                json_decref(decls);
                goto failed;
            }
            if (req->tools[i].description.len) {
                llm_gemini_set(d, "description",
                               llm_json_strn(&req->tools[i].description));
            }
            if (req->tools[i].schema) {
                json_object_set(d, "parametersJsonSchema",
                                req->tools[i].schema);
            }
            json_array_append_new(decls, d);
        }

        /* all declarations in one Tool: some models reject several */
        llm_json_set_new(body, "tools",
            llm_json_arr1(llm_json_obj("functionDeclarations", decls, NULL)));

        if (req->tool_choice != LLM_TOOL_CHOICE_UNSET) {
            fcc = llm_json_obj("mode", json_string(modes[req->tool_choice]),
                               NULL);
            if (fcc && req->tool_choice == LLM_TOOL_CHOICE_NAMED) {
                v = json_array();
                json_array_append_new(v,
                                      llm_json_strn(&req->tool_choice_name));
                llm_json_set_new(fcc, "allowedFunctionNames", v);
            }
            llm_json_set_new(body, "toolConfig",
                llm_json_obj("functionCallingConfig", fcc, NULL));
        }
    }

    gc = llm_gemini_emit_config(&e, model);
    if (gc == NULL) {
        goto failed;
    }
    if (json_object_size(gc)) {
        llm_json_set_new(body, "generationConfig", gc);

    } else {
        json_decref(gc);
    }

    return body;

failed:

    json_decref(e.parts);
    json_decref(body);

    if (err->kind == LLM_ERR_NONE) {
        llm_error_set(err, LLM_ERR_SERVER, "out of memory");
    }

    return NULL;
}


/* ---------------------------------------------------------------------
 * parse_response
 */

static int
llm_gemini_bad(llm_error_t *err, const char *what)
{
    llm_error_set(err, LLM_ERR_BAD_GATEWAY, "upstream response: %s", what);
    return -1;
}


static int
llm_gemini_parse_response(llm_arena_t *a, json_t *body, llm_response_t *resp,
    llm_error_t *err, llm_warnings_t *w)
{
    char         *s, id[LLM_GEMINI_CALL_ID_SIZE], *argstr;
    size_t        i, n, k, arglen;
    json_t       *cands, *cand, *parts, *part, *v, *fc, *e;
    llm_str_t     sig, text = { NULL, 0 }, fr, seed;
    llm_block_t  *b;
    llm_message_t  m;
    int           calls, thought;

    e = json_object_get(body, "error");
    if (json_is_object(e)) {
        llm_error_set(err, LLM_ERR_BAD_GATEWAY, "upstream error: %s",
                      json_string_value(json_object_get(e, "message"))
                      ? json_string_value(json_object_get(e, "message"))
                      : "unknown");
        return -1;
    }

    llm_json_str(json_object_get(body, "responseId"), &resp->id);
    llm_json_str(json_object_get(body, "modelVersion"), &resp->model);
    llm_usage_from_gemini(json_object_get(body, "usageMetadata"),
                          &resp->usage);

    cands = json_object_get(body, "candidates");
    if (cands && !json_is_array(cands)) {
        return llm_gemini_bad(err, "candidates is not an array");
    }

    if (json_array_size(cands) == 0) {
        v = json_object_get(json_object_get(body, "promptFeedback"),
                            "blockReason");
        if (!json_is_string(v)) {
            return llm_gemini_bad(err, "no candidates");
        }

        /* the prompt was blocked: an empty, filtered answer */
        resp->stop = LLM_STOP_CONTENT_FILTER;
        return 0;
    }

    if (json_array_size(cands) > 1) {
        llm_warn(w, "candidates:dropped");
    }

    cand = json_array_get(cands, 0);
    if (!json_is_object(cand)) {
        return llm_gemini_bad(err, "candidate is not an object");
    }

    parts = json_object_get(json_object_get(cand, "content"), "parts");
    if (parts && !json_is_array(parts)) {
        return llm_gemini_bad(err, "parts is not an array");
    }

    n = json_array_size(parts);
    memset(&m, 0, sizeof(m));
    m.blocks = llm_arena_calloc(a, 2 * n + 1, sizeof(llm_block_t));
    if (m.blocks == NULL) {
        llm_error_set(err, LLM_ERR_SERVER, "out of memory");
        return -1;
    }

    seed = resp->id;
    calls = 0;

    json_array_foreach(parts, i, part) {
        if (!json_is_object(part)) {
            return llm_gemini_bad(err, "part is not an object");
        }

        sig.data = NULL;
        sig.len = 0;
        llm_json_str(json_object_get(part, "thoughtSignature"), &sig);
        thought = json_is_true(json_object_get(part, "thought"));

        v = json_object_get(part, "text");
        if (v && llm_json_str(v, &text) != 0) {
            return llm_gemini_bad(err, "text is not a string");
        }

        if (v && thought) {
            b = llm_gemini_add_block(&m, LLM_BLOCK_REASONING);
            b->text = text;
            b->signature = sig;
            b->signature_origin = LLM_DIALECT_GEMINI;
            continue;
        }

        if (sig.len) {
            /* it signs the part it rides on: keep it just before */
            b = llm_gemini_add_block(&m, LLM_BLOCK_REASONING);
            llm_str_set(&b->text, "", 0);
            b->signature = sig;
            b->signature_origin = LLM_DIALECT_GEMINI;
        }

        if (v) {
            if (text.len) {
                b = llm_gemini_add_block(&m, LLM_BLOCK_TEXT);
                b->text = text;
            }
            continue;
        }

        fc = json_object_get(part, "functionCall");
        if (fc) {
            b = llm_gemini_add_block(&m, LLM_BLOCK_TOOL_CALL);

            if (!json_is_object(fc)
                || llm_json_str(json_object_get(fc, "name"), &b->name) != 0)
            {
                return llm_gemini_bad(err, "functionCall without a name");
            }

            v = json_object_get(fc, "args");
            if (v == NULL) {
                v = llm_arena_keep(a, json_object());
            } else if (!json_is_object(v)) {
                return llm_gemini_bad(err, "functionCall args is not an "
                                      "object");
            }
            b->args = v;

            if (llm_json_str(json_object_get(fc, "id"), &b->id) == 0
                && b->id.len)
            {
                /* usable as is by every dialect once sanitised */
                s = llm_arena_strndup(a, b->id.data, b->id.len);
                if (s == NULL) {
                    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
                    return -1;
                }
                for (k = 0; k < b->id.len; k++) {
                    if (!((s[k] >= 'a' && s[k] <= 'z')
                          || (s[k] >= 'A' && s[k] <= 'Z')
                          || (s[k] >= '0' && s[k] <= '9')
                          || s[k] == '_' || s[k] == '-'))
                    {
                        s[k] = '_';
                    }
                }
                b->id.data = s;

            } else {
                if (seed.len == 0) {
                    /* no responseId: the arguments tell calls apart */
                    argstr = llm_json_dump(a, b->args, &arglen);
                    if (argstr) {
                        llm_str_set(&seed, argstr, arglen);
                    }
                }
                llm_gemini_call_id(id, &seed, 0, i, &b->name);
                s = llm_arena_strndup(a, id, strlen(id));
                if (s == NULL) {
                    llm_error_set(err, LLM_ERR_SERVER, "out of memory");
                    return -1;
                }
                llm_str_set(&b->id, s, strlen(s));
                if (resp->id.len == 0) {
                    seed.len = 0;
                }
            }

            calls++;
            continue;
        }

        v = json_object_get(part, "inlineData");
        if (v == NULL) {
            v = json_object_get(part, "fileData");
        }
        if (json_is_object(v)) {
            b = llm_gemini_add_block(&m, LLM_BLOCK_IMAGE);
            llm_json_str(json_object_get(v, "mimeType"), &b->media_type);
            llm_json_str(json_object_get(v, "data"), &b->data);
            llm_json_str(json_object_get(v, "fileUri"), &b->url);
            continue;
        }

        /* executableCode, codeExecutionResult, ...: nothing to map */
        llm_warn(w, "parts:dropped");
    }

    resp->blocks = m.blocks;
    resp->nblocks = m.nblocks;

    fr.data = NULL;
    fr.len = 0;
    llm_json_str(json_object_get(cand, "finishReason"), &fr);

    resp->stop = llm_stop_from_gemini(fr.data);
    if (resp->stop == LLM_STOP_UNSET) {
        resp->stop = LLM_STOP_END;
    }

    if (llm_str_eq(&fr, "MALFORMED_FUNCTION_CALL")
        || llm_str_eq(&fr, "UNEXPECTED_TOOL_CALL")
        || llm_str_eq(&fr, "TOO_MANY_TOOL_CALLS"))
    {
        llm_warn(w, "finish_reason:approximated");
    }

    if (resp->stop == LLM_STOP_END && calls) {
        resp->stop = LLM_STOP_TOOL_USE;
    }

    return 0;
}


/* ---------------------------------------------------------------------
 * emit_response
 */

static json_t *
llm_gemini_sig_json(llm_arena_t *a, const llm_str_t *sig,
    llm_dialect_e origin)
{
    size_t       len;
    const char  *s;

    s = llm_gemini_sig_wrap(a, sig, origin, &len);
    return s ? json_stringn(s, len) : NULL;
}


static json_t *
llm_gemini_emit_response(llm_arena_t *a, const llm_response_t *resp,
    const llm_request_t *req, const llm_options_t *opt, llm_warnings_t *w)
{
    char               *s;
    size_t              i, n, len;
    json_t             *body, *parts, *part, *args, *cand, *pending;
    llm_error_t         err;
    const llm_str_t    *model;
    const llm_block_t  *b;
    llm_gemini_emit_t   e;

    memset(&e, 0, sizeof(e));
    memset(&err, 0, sizeof(err));
    e.arena = a;
    e.err = &err;
    e.warn = w;

    parts = json_array();
    if (parts == NULL) {
        return NULL;
    }

    pending = NULL;

    for (i = 0; i < resp->nblocks; i++) {
        b = &resp->blocks[i];
        part = NULL;

        switch (b->kind) {

        case LLM_BLOCK_TEXT:
            if (b->text.len) {
                part = llm_json_obj("text",
                                    llm_json_stringn(b->text.data,
                                                     b->text.len),
                                    NULL);
            }
            break;

        case LLM_BLOCK_REASONING:
            if (b->text.len == 0) {
                if (b->signature.len) {
                    /* it signs the part that follows */
                    json_decref(pending);
                    pending = llm_gemini_sig_json(a, &b->signature,
                                                  b->signature_origin);
                }
                continue;
            }

            part = llm_json_obj("text",
                                llm_json_stringn(b->text.data, b->text.len),
                                "thought", json_boolean(1), NULL);
            if (part && b->signature.len) {
                /* kept with its text, as other dialects want it back */
                llm_json_set_new(part, "thoughtSignature",
                                 llm_gemini_sig_json(a, &b->signature,
                                                     b->signature_origin));
            }
            if (part) {
                json_array_append_new(parts, part);
            }
            continue;

        case LLM_BLOCK_REDACTED_REASONING:
            /* opaque to everyone: an empty thought carries it home */
            len = sizeof(LLM_GEMINI_REDACTED) + 16 + b->data.len;
            s = llm_arena_alloc(a, len);
            if (s) {
                snprintf(s, len, LLM_GEMINI_REDACTED "%s:%.*s",
                         llm_dialect_name(b->signature_origin
                                          ? b->signature_origin
                                          : LLM_DIALECT_ANTHROPIC),
                         (int) b->data.len, b->data.data ? b->data.data
                                                         : "");
                json_array_append_new(parts,
                    llm_json_obj("text", llm_json_lit(""),
                                 "thought", json_boolean(1),
                                 "thoughtSignature", json_string(s), NULL));
            }
            continue;

        case LLM_BLOCK_TOOL_CALL:
            args = b->args;
            if (args == NULL && b->args_json.data) {
                args = llm_arena_keep(a, llm_json_loadb(b->args_json.data,
                                                    b->args_json.len, 0,
                                                    NULL));
            }
            if (!json_is_object(args)) {
                if (args || b->args_json.len) {
                    llm_warn(w, "tool_args:invalid");
                }
                args = llm_arena_keep(a, json_object());
            }

            /* with the id, clients can echo it in functionResponse.id */
            part = llm_json_obj("functionCall",
                                llm_json_obj("name",
                                             llm_json_strn(&b->name),
                                             "args", json_incref(args),
                                             "id",
                                             llm_json_strn(&b->id),
                                             NULL),
                                NULL);
            break;

        case LLM_BLOCK_IMAGE:
            part = llm_gemini_image(&e, b);
            break;

        default:
            continue;
        }

        if (part == NULL) {
            continue;
        }

        if (pending) {
            llm_json_set_new(part, "thoughtSignature", pending);
            pending = NULL;
        }

        json_array_append_new(parts, part);
    }

    if (pending) {
        n = json_array_size(parts);
        part = n ? json_array_get(parts, n - 1) : NULL;

        if (part && json_object_get(part, "thoughtSignature") == NULL) {
            llm_json_set_new(part, "thoughtSignature", pending);

        } else {
            json_array_append_new(parts,
                llm_json_obj("text", llm_json_lit(""),
                             "thought", json_boolean(1),
                             "thoughtSignature", pending, NULL));
        }
    }

    cand = llm_json_obj("finishReason",
                        json_string(llm_stop_to_gemini(resp->stop)),
                        "index", json_integer(0), NULL);
    if (cand == NULL) {
        json_decref(parts);
        return NULL;
    }

    if (json_array_size(parts)) {
        llm_json_set_new(cand, "content",
                         llm_json_obj("role", llm_json_lit("model"),
                                      "parts", parts, NULL));

    } else {
        /* what Gemini sends for a blocked or empty answer */
        json_decref(parts);
    }

    body = llm_json_obj("candidates", llm_json_arr1(cand), NULL);
    if (body == NULL) {
        return NULL;
    }

    if (resp->usage.has_input || resp->usage.has_output) {
        llm_json_set_new(body, "usageMetadata",
                         llm_usage_to_gemini(&resp->usage));
    }

    model = resp->model.len ? &resp->model : &req->model;
    if (model->len) {
        llm_json_set_new(body, "modelVersion", llm_json_strn(model));
    }

    if (resp->id.len) {
        llm_json_set_new(body, "responseId", llm_json_strn(&resp->id));
    }

    return body;
}


/* ---------------------------------------------------------------------
 * errors
 */

/* google.protobuf.Duration "12s", "47.434392449s": whole seconds, up */
static int64_t
llm_gemini_duration(const char *s)
{
    int64_t  v;
    int      frac;

    if (s == NULL || *s < '0' || *s > '9') {
        return 0;
    }

    v = 0;
    while (*s >= '0' && *s <= '9' && v < 100000000) {
        v = v * 10 + (*s++ - '0');
    }

    frac = 0;
    if (*s == '.') {
        for (s++; *s >= '0' && *s <= '9'; s++) {
            frac |= (*s != '0');
        }
    }

    if (*s != 's') {
        return 0;
    }

    return v + frac;
}


static void
llm_gemini_parse_error(json_t *body, int status, llm_error_t *err)
{
    size_t        i, j;
    json_t       *e, *d, *viol;
    const char   *type, *rpc, *msg, *quota, *reason;
    llm_err_kind_e  kind;

    err->kind = llm_err_kind_from_status(status);
    err->status = status;

    /* a non-SSE stream wraps its error in an array */
    if (json_is_array(body)) {
        body = json_array_get(body, 0);
    }

    e = json_object_get(body, "error");
    if (!json_is_object(e)) {
        return;
    }

    msg = json_string_value(json_object_get(e, "message"));
    rpc = json_string_value(json_object_get(e, "status"));

    kind = LLM_ERR_NONE;
    if (rpc) {
        if (strcmp(rpc, "INVALID_ARGUMENT") == 0
            || strcmp(rpc, "OUT_OF_RANGE") == 0)
        {
            kind = LLM_ERR_INVALID_REQUEST;
        } else if (strcmp(rpc, "FAILED_PRECONDITION") == 0) {
            /* billing or free tier unavailable: do not retry */
            kind = LLM_ERR_QUOTA;
        } else if (strcmp(rpc, "UNAUTHENTICATED") == 0) {
            kind = LLM_ERR_AUTHENTICATION;
        } else if (strcmp(rpc, "PERMISSION_DENIED") == 0) {
            kind = LLM_ERR_PERMISSION;
        } else if (strcmp(rpc, "NOT_FOUND") == 0) {
            kind = LLM_ERR_NOT_FOUND;
        } else if (strcmp(rpc, "RESOURCE_EXHAUSTED") == 0) {
            kind = LLM_ERR_RATE_LIMIT;
        } else if (strcmp(rpc, "INTERNAL") == 0
                   || strcmp(rpc, "UNKNOWN") == 0)
        {
            kind = LLM_ERR_SERVER;
        } else if (strcmp(rpc, "UNAVAILABLE") == 0) {
            kind = LLM_ERR_OVERLOADED;
        } else if (strcmp(rpc, "DEADLINE_EXCEEDED") == 0) {
            kind = LLM_ERR_TIMEOUT;
        }
    }

    json_array_foreach(json_object_get(e, "details"), i, d) {
        type = json_string_value(json_object_get(d, "@type"));
        if (type == NULL) {
            continue;
        }

        if (strstr(type, "google.rpc.RetryInfo")) {
            err->retry_after = llm_gemini_duration(
                json_string_value(json_object_get(d, "retryDelay")));

        } else if (strstr(type, "google.rpc.QuotaFailure")) {
            json_array_foreach(json_object_get(d, "violations"), j, viol) {
                quota = json_string_value(json_object_get(viol, "quotaId"));
                if (quota && strstr(quota, "PerDay")) {
                    kind = LLM_ERR_QUOTA;
                }
            }

        } else if (strstr(type, "google.rpc.ErrorInfo")) {
            reason = json_string_value(json_object_get(d, "reason"));
            if (reason && strcmp(reason, "API_KEY_INVALID") == 0) {
                kind = LLM_ERR_AUTHENTICATION;
            }
        }
    }

    if (kind == LLM_ERR_QUOTA) {
        /* a per-day quota: waiting a minute does not help */
        err->retry_after = 0;
    }

    if (kind == LLM_ERR_AUTHENTICATION && status == 400) {
        /* Gemini's 400 for a bad key is a 401 in the other dialects */
        err->status = 401;
    }

    if (kind != LLM_ERR_NONE) {
        err->kind = kind;
    }

    if (msg) {
        snprintf(err->message, sizeof(err->message), "%s", msg);
    }
}


static json_t *
llm_gemini_emit_error(const llm_error_t *err)
{
    int      status;
    char     delay[32];
    json_t  *e;

    status = err->status ? err->status : llm_err_kind_status(err->kind);

    e = llm_json_obj("code", json_integer(status),
                     "message", json_string(err->message),
                     "status",
                     json_string(llm_gemini_rpc_status(err->kind, status)),
                     NULL);
    if (e == NULL) {
        return NULL;
    }

    if (err->retry_after > 0) {
        snprintf(delay, sizeof(delay), "%llds",
                 (long long) err->retry_after);
        llm_json_set_new(e, "details",
            llm_json_arr1(llm_json_obj("@type", llm_json_lit(
                                        "type.googleapis.com/"
                                        "google.rpc.RetryInfo"),
                                    "retryDelay", json_string(delay),
                                    NULL)));
    }

    return llm_json_obj("error", e, NULL);
}


const llm_codec_t  llm_gemini_codec = {
    LLM_DIALECT_GEMINI,
    "gemini",
    llm_gemini_parse_request,
    llm_gemini_check_request,
    NULL,                          /* read_request: none yet */
    NULL,                          /* read_tools: no fast read */
    llm_gemini_emit_request,
    NULL,                          /* write_request: none yet */
    llm_gemini_parse_response,
    NULL,                          /* read_response: none yet */
    llm_gemini_emit_response,
    NULL,                          /* write_response: none yet */
    llm_gemini_parse_error,
    llm_gemini_emit_error
};
