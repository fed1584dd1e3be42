package dev.tunnel.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * result.h against libjniresult as built: the header a C programmer reads declares exactly the
 * functions of the issue, is plain C, and every function it declares is in the library, which
 * finds libjvm where the process does rather than in the build's JDK.
 */
class ExportLibraryTest {
    private static final Path HEADER = Path.of(System.getProperty("tunnel.header", "src/main/native/result.h"));
    private static final Path LIBRARY = Path.of(System.getProperty("tunnel.native.dir",
            "target/classes/dev/tunnel/result/linux-x86_64"), "libjniresult.so");

    /** A declaration at the start of a line: return type, name, parameters. */
    private static final Pattern DECLARATION = Pattern.compile("(?m)^([A-Za-z_][\\w\\s]*?[\\s*]+)(\\w+)\\(([^)]*)\\);");

    /** Name → "return(parameter types)" of each function result.h declares, without parameter names. */
    static Map<String, String> declarations() throws IOException {
        Map<String, String> functions = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(Files.readString(HEADER));
        while (m.find()) {
            List<String> types = new ArrayList<>();
            for (String parameter : m.group(3).split(",")) {
                String p = parameter.trim().replaceAll("\\s+", " ");
                // drop the name: the last word, unless the parameter is only a type
                types.add(p.equals("void") || !p.contains(" ") ? p : p.replaceAll("\\s*\\b\\w+$", "").replace(" *", "*"));
            }
            functions.put(m.group(2), m.group(1).trim().replace(" *", "*") + "(" + String.join(", ", types) + ")");
        }
        return functions;
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    @Test
    void theHeaderDeclaresTheIssuesFunctionsWithTheirCTypes() throws IOException {
        Map<String, String> functions = declarations();
        assertEquals("uintptr_t(void)", functions.get("CNewResult"));
        assertEquals("void(uintptr_t, int16_t, int64_t, uint32_t)", functions.get("CResultSet"));
        assertEquals("char*(uintptr_t)", functions.get("CResultString"));
        assertEquals("void(uintptr_t)", functions.get("CFreeResult"));
        assertEquals("const char*(void)", functions.get("CResultLastError"));
        assertEquals("int(const char*)", functions.get("CResultStartJVM"));
        assertEquals("int(void)", functions.get("CResultStopJVM"));
        assertEquals(7, functions.size(), functions.toString());
    }

    @Test
    void theLibraryDefinesEveryFunctionTheHeaderDeclares() throws Exception {
        Set<String> defined = run("nm", "-D", "--defined-only", LIBRARY.toString()).lines()
                .map(line -> line.split("\\s+"))
                .filter(f -> f.length == 3 && f[1].equals("T"))
                .map(f -> f[2])
                .collect(Collectors.toSet());
        for (String function : declarations().keySet()) {
            assertTrue(defined.contains(function), function + " is declared in " + HEADER + " but not defined in " + LIBRARY);
        }
    }

    @Test
    void theHeaderIsPlainC() throws Exception {
        run("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-fsyntax-only", "-x", "c", HEADER.toString());
    }

    @Test
    void libjvmIsFoundAtRunTimeNotInTheBuildJdk() throws Exception {
        String dynamic = run("readelf", "-d", LIBRARY.toString());
        assertTrue(dynamic.contains("Shared library: [libjvm.so]"), dynamic);
        List<String> paths = dynamic.lines().filter(l -> l.contains("(RUNPATH)") || l.contains("(RPATH)")).toList();
        assertEquals(List.of("$ORIGIN/"), paths.stream().map(l -> l.replaceAll(".*\\[(.*)\\].*", "$1")).toList(), dynamic);
    }
}
