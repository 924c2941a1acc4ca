package io.hvx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rules of the house from DESIGN.md §3, checked on the compiled main classes. */
@AnalyzeClasses(packages = "io.hvx", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final DescribedPredicate<JavaClass> SOCKETS =
            JavaClass.Predicates.resideInAnyPackage("java.net..", "java.nio.channels..")
                    .and(JavaClass.Predicates.simpleNameContaining("Socket"))
                    .as("a socket class of java.net or java.nio.channels");

    @ArchTest
    static final ArchRule coreKnowsNothingOfJavaFxJnaFilesProcessesOrSockets = noClasses()
            .that().resideInAPackage("io.hvx.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.jna..", "com.sun.javafx..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.FileChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Process")
            .orShould().dependOnClassesThat(SOCKETS)
            .because("core is pure Java: the hvsocket model, records and ports (DESIGN.md §3)");

    @ArchTest
    static final ArchRule onlyNativeAdaptersUseJna = noClasses()
            .that().resideOutsideOfPackages("io.hvx.net.posix..", "io.hvx.net.windows..", "io.hvx.platform..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("only net.posix, net.windows and platform call native code (DESIGN.md §3)");

    @ArchTest
    static final ArchRule uiGetsPortsNotAdapters = noClasses()
            .that().resideInAPackage("io.hvx.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.hvx.net..", "io.hvx.registry..", "io.hvx.vm..", "io.hvx.files..", "io.hvx.platform..",
                    "io.hvx.cli..")
            .because("the UI receives ports (io.hvx.core) from the composition root, never adapters (DESIGN.md §3)");

    @ArchTest
    static final ArchRule uiDoesNoFileIo = noClasses()
            .that().resideInAPackage("io.hvx.ui..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.FileSystems")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.FileChannel")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
            .because("files are read and written behind ports (ServiceFormats, stores), so the rules for"
                    + " files (atomic writes, size checks, locks) live in one place (DESIGN.md §3)");

    @ArchTest
    static final ArchRule viewModelsReachTheUiThreadOnlyThroughTheTaskRunner = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.application..", "javafx.concurrent..")
            .because("view models run work and hop threads through the injected TaskRunner, so tests drive them");

    @ArchTest
    static final ArchRule nothingReachesIntoTheCompositionRoot = noClasses()
            .that().resideOutsideOfPackage("io.hvx")
            .should().dependOnClassesThat().resideInAPackage("io.hvx")
            .because("App, Launcher and DefaultBackendFactory wire everything; nothing may reach back into them");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models are tested without the FX toolkit (DESIGN.md §3)");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("io.hvx.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.hvx.(**)").should().beFreeOfCycles();
}
