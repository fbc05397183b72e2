package io.backdrop.validation;

import static io.backdrop.model.ImageSize.BLOCK;
import static io.backdrop.model.ImageSize.MAX_ASPECT;
import static io.backdrop.model.ImageSize.MAX_EDGE;
import static io.backdrop.model.ImageSize.MAX_PIXELS;
import static io.backdrop.model.ImageSize.MIN_PIXELS;

import io.backdrop.model.ImageSize;
import io.backdrop.storage.SourceObject;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code size: source}: the valid output size closest to the source photo, so a catalog of mixed
 * shapes can be re-themed without a size per row and without squashing or cropping a product.
 *
 * <p>"Closest" is defined in three steps:
 * <ol>
 *   <li>the ideal aspect ratio is the source's, clamped to at most {@value ImageSize#MAX_ASPECT}:1 either way;</li>
 *   <li>the ideal pixel count is the source's, clamped into [{@value ImageSize#MIN_PIXELS},
 *       {@value ImageSize#MAX_PIXELS}] and lowered further when the long edge would pass
 *       {@value ImageSize#MAX_EDGE} px at that aspect ratio;</li>
 *   <li>of all valid sizes (each edge a multiple of {@value ImageSize#BLOCK}, every rule kept), the
 *       one at the least {@link #distance distance} from that ideal. Rounding each edge of the
 *       ideal on its own is not enough: near the minimum pixel count it breaks the rule, and on a
 *       small image it can bend the aspect ratio by 2% where a neighbour keeps it exact.</li>
 * </ol>
 */
public final class SourceSizeChooser {

    /** The size cell or default that asks for this: {@code source}, whatever its case. */
    public static final String SOURCE = "source";

    /**
     * How much more an aspect ratio error weighs than the same relative pixel count error: a
     * product drawn a little wider than its photo shows sooner than a few percent fewer pixels.
     */
    static final double ASPECT_WEIGHT = 5;

    private SourceSizeChooser() {
    }

    /** Whether a size cell or default asks for the source's size. */
    public static boolean isSource(String sizeText) {
        return sizeText != null && SOURCE.equals(sizeText.trim().toLowerCase(Locale.ROOT));
    }

    /** The valid size closest to a source of the given pixel dimensions; see the class comment. */
    public static ImageSize closestTo(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
        }
        double aspect = clamp((double) width / height, 1.0 / MAX_ASPECT, MAX_ASPECT);
        double stretch = Math.max(aspect, 1 / aspect);
        double pixelsUnderEdge = (double) MAX_EDGE * MAX_EDGE / stretch;
        double pixels = clamp((double) width * height, MIN_PIXELS, Math.min(MAX_PIXELS, pixelsUnderEdge));

        return nearestValid(aspect, pixels);
    }

    /**
     * The size for the image at a location, reading only its header; empty when its dimensions
     * cannot be read.
     */
    public static Optional<ImageSize> forSource(SourceObject image) {
        return ImageDimensions.read(image).map(d -> closestTo(d.width(), d.height()));
    }

    /**
     * How far a size is from the ideal: the aspect ratio's relative error, weighted, plus the
     * pixel count's. Logarithms so that twice too wide and twice too narrow are equally far.
     */
    static double distance(ImageSize size, double aspect, double pixels) {
        double aspectError = Math.abs(Math.log((double) size.width() / size.height() / aspect));
        double pixelError = Math.abs(Math.log(size.pixels() / pixels));
        return ASPECT_WEIGHT * aspectError + pixelError;
    }

    /**
     * Every width a size can have, with the two grid heights around the ideal aspect ratio: 480
     * candidates, a few microseconds. A height further off the aspect ratio never wins, as a
     * weighted aspect error grows faster than the pixel error it could save; the tests check
     * that against every size on the grid.
     */
    private static ImageSize nearestValid(double aspect, double pixels) {
        ImageSize best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int width = BLOCK; width <= MAX_EDGE; width += BLOCK) {
            int below = (int) Math.floor(width / aspect / BLOCK) * BLOCK;
            for (int height : new int[] {below, below + BLOCK}) {
                if (height < BLOCK) {
                    continue;
                }
                ImageSize candidate = new ImageSize(width, height);
                if (candidate.violation().isPresent()) {
                    continue;
                }
                double distance = distance(candidate, aspect, pixels);
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        if (best == null) {
            // Unreachable for an aspect ratio within the rules, which the clamp above ensures.
            throw new IllegalStateException("no valid size near aspect ratio " + aspect);
        }
        return best;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
