/*
 * Checks the libexpat that cppbuild.sh built from Debian's source package, from C alone, before
 * Java binds it: the callbacks report a document's events, NULL handlers are skipped, a handler
 * can stop the parser, entity-expansion attacks end in an error instead of memory growth, an
 * external DTD is never read, and one of Debian's security fixes (CVE-2024-45490) is in.
 */
#include <stdio.h>
#include <string.h>
#include "expat.h"

static int failures;
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

typedef struct counts {
  int starts, ends, attributes, text_bytes, pis, comments, cdata, stop_at;
  XML_Parser parser;
} counts;

static void on_start(void* user_data, const XML_Char* name, const XML_Char** atts) {
  counts* c = user_data;
  (void)name;
  c->starts++;
  for (int i = 0; atts[i] != NULL; i += 2) {
    c->attributes++;
  }
  if (c->starts == c->stop_at) {
    XML_StopParser(c->parser, XML_FALSE);
  }
}

static void on_end(void* user_data, const XML_Char* name) {
  (void)name;
  ((counts*)user_data)->ends++;
}

static void on_text(void* user_data, const XML_Char* s, int len) {
  (void)s;
  ((counts*)user_data)->text_bytes += len;
}

static void on_pi(void* user_data, const XML_Char* target, const XML_Char* data) {
  (void)target;
  (void)data;
  ((counts*)user_data)->pis++;
}

static void on_comment(void* user_data, const XML_Char* data) {
  (void)data;
  ((counts*)user_data)->comments++;
}

static void on_cdata(void* user_data) {
  ((counts*)user_data)->cdata++;
}

static enum XML_Status parse(const char* document, counts* c, int all_handlers) {
  XML_Parser parser = XML_ParserCreate(NULL);
  c->parser = parser;
  XML_SetUserData(parser, c);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  if (all_handlers) {
    XML_SetProcessingInstructionHandler(parser, on_pi);
    XML_SetCommentHandler(parser, on_comment);
    XML_SetStartCdataSectionHandler(parser, on_cdata);
  }
  enum XML_Status status = XML_Parse(parser, document, (int)strlen(document), XML_TRUE);
  if (status != XML_STATUS_OK) {
    c->stop_at = -(int)XML_GetErrorCode(parser); /* the error, for the caller */
  }
  XML_ParserFree(parser);
  return status;
}

int main(void) {
  const char* document = "<?xml version=\"1.0\"?>\n<!-- c -->\n<root a=\"1\" b=\"2\"><?pi data?><item x=\"y\">text</item>"
                         "<![CDATA[<raw>]]></root>";
  counts all = {0};
  CHECK(parse(document, &all, 1) == XML_STATUS_OK);
  CHECK(all.starts == 2 && all.ends == 2 && all.attributes == 3);
  CHECK(all.text_bytes == 4 + 5 && all.pis == 1 && all.comments == 1 && all.cdata == 1);

  counts some = {0};
  CHECK(parse(document, &some, 0) == XML_STATUS_OK);
  CHECK(some.starts == 2 && some.pis == 0 && some.comments == 0 && some.cdata == 0); /* NULL handlers: not called */

  counts stopped = {.stop_at = 1};
  CHECK(parse(document, &stopped, 1) == XML_STATUS_ERROR && stopped.stop_at == -XML_ERROR_ABORTED && stopped.starts == 1);

  /* billion laughs: ten levels of ten references; expat's amplification limit ends it */
  char laughs[2048] = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY l0 \"ha\">";
  for (int level = 1; level <= 10; level++) {
    char entity[160];
    snprintf(entity, sizeof entity, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">", level, level - 1,
             level - 1, level - 1, level - 1, level - 1, level - 1, level - 1, level - 1, level - 1, level - 1);
    strcat(laughs, entity);
  }
  strcat(laughs, "]><l>&l10;</l>");
  counts attack = {0};
  CHECK(parse(laughs, &attack, 0) == XML_STATUS_ERROR);
  CHECK(attack.stop_at == -XML_ERROR_AMPLIFICATION_LIMIT_BREACH && attack.text_bytes < (1 << 24));

  /* an external DTD and entity: without an external entity handler expat reads nothing */
  counts external = {0};
  CHECK(parse("<!DOCTYPE r SYSTEM \"file:///nonexistent/dtd\"><r>&ext;</r>", &external, 0) == XML_STATUS_ERROR
        || external.text_bytes == 0);

  /* CVE-2024-45490: a negative length is refused, not read */
  XML_Parser parser = XML_ParserCreate(NULL);
  CHECK(XML_Parse(parser, "<r/>", -1, XML_TRUE) == XML_STATUS_ERROR && XML_GetErrorCode(parser) == XML_ERROR_INVALID_ARGUMENT);
  XML_ParserFree(parser);

  XML_Expat_Version v = XML_ExpatVersionInfo();
  printf("expat_check: %s (%d.%d.%d): %s\n", XML_ExpatVersion(), v.major, v.minor, v.micro, failures ? "FAILED" : "passed");
  return failures != 0;
}
