package io.onorbit.verification.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Renders a report page in headless Chromium, as a person opening it would see it, and checks the
 * screenshot is a page with text and coloured plots (not blank, not a broken-image icon). CI
 * installs Chromium ({@code .ci/run}); where it is missing the caller skips this part.
 */
public final class BrowserShot {

    /** Where Chromium is looked for. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserShot() {
    }

    /** @return true if the screenshot can be taken here */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    /**
     * @param page    the HTML file
     * @param work    a scratch folder
     * @param keepAs  file name under the module's {@code target/} to keep the screenshot for a person
     * @param heightPx window height: tall enough for the part of the page that must show
     * @return the screenshot
     */
    public static BufferedImage take(Path page, Path work, String keepAs, int heightPx) throws Exception {
        Files.createDirectories(work);
        Path png = work.resolve("shot.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + work.resolve("profile"), "--window-size=1600," + heightPx,
                "--screenshot=" + png, page.toUri().toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(png).exists();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        int nonWhite = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        double inked = nonWhite / (double) ((img.getWidth() / 2) * (img.getHeight() / 2));
        assertThat(inked).as("fraction of non-white pixels").isGreaterThan(0.05);
        assertThat(colours.size()).as("distinct colours (text plus coloured plot series)").isGreaterThan(50);
        // Kept under the module's build folder for a person to look at; never outside the build.
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", keepAs), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return img;
    }
}
