/** The baseline of bench/run's CLI start-up figure: hello world, run by the packaged runtime's java. */
public class JavaHello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
