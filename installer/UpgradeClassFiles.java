import java.io.IOException;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Rewrites, in the given jars, every class file older than Java 6 (class file version 50) as
 * version 52 with the stack maps the JDK's ClassFile API computes, checks every rewritten class
 * with the ClassFile API's verifier, and replaces the jar when all pass.
 *
 * <p>Why: the JVM leaves pre-Java-6 classes out of an AOT cache or CDS archive ("Skipping …: Old
 * class has been linked"), and with them every class that implements one of their interfaces.
 * picocli ships its classes as Java 5 class files, so without this every CLI start loads and
 * verifies about 170 picocli classes from the jar, a third of `hvx guid`'s start-up. The code is
 * unchanged: same instructions, same constant pool entries, new version and stack maps.
 *
 * <p>Run by the installer scripts: {@code java installer/UpgradeClassFiles.java JAR…}
 */
public final class UpgradeClassFiles {

    private static final int OLDEST_KEPT = 50;
    private static final int NEW_VERSION = 52;

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            upgrade(Path.of(arg));
        }
    }

    private static void upgrade(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // types are merged by looking them up: the JDK's own, else this jar's
            ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
                 JarOutputStream out = in.getManifest() == null ? new JarOutputStream(Files.newOutputStream(tmp))
                         : new JarOutputStream(Files.newOutputStream(tmp), in.getManifest())) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                        ClassModel model = cf.parse(bytes);
                        if (model.majorVersion() < OLDEST_KEPT) {
                            bytes = cf.build(model.thisClass().asSymbol(), b -> {
                                for (ClassElement element : model) {
                                    if (!(element instanceof ClassFileVersion)) {
                                        b.with(element);
                                    }
                                }
                                b.withVersion(NEW_VERSION, 0);
                            });
                            List<VerifyError> errors = cf.verify(bytes);
                            if (!errors.isEmpty()) {
                                throw new IllegalStateException(e.getName() + " in " + jar + " fails verification: " + errors);
                            }
                            upgraded++;
                        }
                    }
                    JarEntry copy = new JarEntry(e.getName());
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (upgraded == 0) {
            Files.delete(tmp);
        } else {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("installer: " + jar.getFileName() + ": " + upgraded
                    + " class files from before Java 6 rewritten as Java 8 class files (AOT cache)");
        }
    }
}
