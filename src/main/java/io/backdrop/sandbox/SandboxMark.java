package io.backdrop.sandbox;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * The "SANDBOX" label in the bottom-right corner of every result, so that no sandbox output can pass
 * for a generated image. Drawn from a built-in 5x7 pixel font: it needs no installed font, which a
 * slim container image may lack, and looks the same everywhere.
 */
final class SandboxMark {

    static final String TEXT = "SANDBOX";
    static final Color INK = Color.WHITE;
    static final Color PLATE = new Color(20, 20, 20);

    private static final int GLYPH_WIDTH = 5;
    private static final int GLYPH_HEIGHT = 7;

    /** Each glyph as 7 rows of 5 pixels, '#' inked. */
    private static String[] glyph(char c) {
        return switch (c) {
            case 'S' -> new String[] {".###.", "#...#", "#....", ".###.", "....#", "#...#", ".###."};
            case 'A' -> new String[] {".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"};
            case 'N' -> new String[] {"#...#", "##..#", "##..#", "#.#.#", "#..##", "#..##", "#...#"};
            case 'D' -> new String[] {"####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."};
            case 'B' -> new String[] {"####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."};
            case 'O' -> new String[] {".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."};
            case 'X' -> new String[] {"#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"};
            default -> throw new IllegalArgumentException("no glyph for " + c);
        };
    }

    /** Where the plate lies on a canvas of this size: x, y, width, height. */
    static int[] plate(int canvasWidth, int canvasHeight) {
        int dot = dot(canvasWidth, canvasHeight);
        int textWidth = (TEXT.length() * (GLYPH_WIDTH + 1) - 1) * dot;
        int textHeight = GLYPH_HEIGHT * dot;
        int padding = 2 * dot;
        int width = textWidth + 2 * padding;
        int height = textHeight + 2 * padding;
        int margin = 3 * dot;
        return new int[] {canvasWidth - width - margin, canvasHeight - height - margin, width, height};
    }

    void draw(Graphics2D g, int canvasWidth, int canvasHeight) {
        int dot = dot(canvasWidth, canvasHeight);
        int[] plate = plate(canvasWidth, canvasHeight);
        g.setColor(PLATE);
        g.fillRect(plate[0], plate[1], plate[2], plate[3]);
        g.setColor(INK);
        int x = plate[0] + 2 * dot;
        int y = plate[1] + 2 * dot;
        for (char c : TEXT.toCharArray()) {
            String[] rows = glyph(c);
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                for (int column = 0; column < GLYPH_WIDTH; column++) {
                    if (rows[row].charAt(column) == '#') {
                        g.fillRect(x + column * dot, y + row * dot, dot, dot);
                    }
                }
            }
            x += (GLYPH_WIDTH + 1) * dot;
        }
    }

    /** One font pixel: the label is about a quarter of the shorter edge wide. */
    private static int dot(int canvasWidth, int canvasHeight) {
        return Math.max(2, Math.min(canvasWidth, canvasHeight) / 160);
    }
}
