import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The height from an element's top to the bottom of the window, less `reserve` (for what follows it), at
 * least `min`: a virtual table's fixed scroll height that fits the screen it is shown on.
 */
export function useFillHeight(ref: RefObject<HTMLElement | null>, reserve: number, min: number): number {
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - reserve)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, reserve, min]);
  return height;
}
