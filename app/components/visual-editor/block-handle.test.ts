// The keyboard's collision: a block moved one place by the keyboard lands one place on, whatever its siblings'
// heights (closestCenter, which the pointer keeps, picks two places away in the cases below).
import { closestCenter, type ClientRect, type DroppableContainer } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { nearestEdge } from "./block-handle";

const rect = (top: number, height: number): ClientRect => ({
  top,
  height,
  bottom: top + height,
  left: 0,
  right: 600,
  width: 600,
});

/** A short block, a tall one and a short one, stacked: ids a, b, c. */
const rects = new Map([
  ["a", rect(0, 50)],
  ["b", rect(50, 300)],
  ["c", rect(350, 50)],
]);
const containers = [...rects.keys()].map((id) => ({ id }) as unknown as DroppableContainer);

function winner(detect: typeof nearestEdge, collisionRect: ClientRect) {
  const found = detect({
    active: { id: "x" } as never,
    collisionRect,
    droppableRects: rects,
    droppableContainers: containers,
    pointerCoordinates: null,
  });
  return found[0]?.id;
}

describe("nearestEdge", () => {
  it("a short block moved up past a tall one lands beside it, not two places on", () => {
    // c moved up one place: its top is put on b's top
    const moved = rect(50, 50);
    expect(winner(nearestEdge, moved)).toBe("b");
    expect(winner(closestCenter, moved)).toBe("a"); // the bug it replaces
  });

  it("a short block moved down past a tall one lands beside it", () => {
    // a moved down one place: its bottom is put on b's bottom
    const moved = rect(300, 50);
    expect(winner(nearestEdge, moved)).toBe("b");
    expect(winner(closestCenter, moved)).toBe("c");
  });

  it("a tall block moved up one place lands on the short block above", () => {
    const tall = new Map([
      ["a", rect(0, 50)],
      ["b", rect(50, 300)],
    ]);
    const found = nearestEdge({
      active: { id: "b" } as never,
      collisionRect: rect(0, 300),
      droppableRects: tall,
      droppableContainers: [...tall.keys()].map((id) => ({ id }) as unknown as DroppableContainer),
      pointerCoordinates: null,
    });
    expect(found.map((c) => c.id)).toEqual(["a", "b"]);
  });
});
