import { Tooltip } from '@mantine/core';
import { useRef, useState } from 'react';

/**
 * Text cut to one line at `width` with an ellipsis; when it is cut, hovering or focusing it
 * shows the whole of it. The whole text stays in the page, so a screen reader reads it all.
 */
export function Clipped({ text, width }: { text: string; width: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  const measure = () => {
    const el = ref.current;
    setCut(!!el && el.scrollWidth > el.clientWidth);
  };
  return (
    <Tooltip label={text} disabled={!cut} multiline maw="24rem" withinPortal>
      <span
        ref={ref}
        className="clipped"
        style={{ maxWidth: width }}
        onMouseEnter={measure}
        onFocus={measure}
      >
        {text}
      </span>
    </Tooltip>
  );
}
