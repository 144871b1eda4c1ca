export const SCORE_WORDS = ['', '很不满意', '不满意', '一般', '满意', '很满意'];

/**
 * Five stars as native radio buttons: a screen reader announces "5星 很满意",
 * the keyboard's arrow keys move between them, and each star is a 48 px
 * target. (antd-mobile's Rate listens to touch gestures only.)
 */
export function StarRating({ id, value, onChange }: { id?: string; value?: number; onChange?: (score: number) => void }) {
  return (
    <div className="stars" role="radiogroup" id={id} aria-label="评分，5星最满意">
      {[1, 2, 3, 4, 5].map((score) => (
        <label key={score} className={`star${value !== undefined && score <= value ? ' star-on' : ''}`}>
          <input
            type="radio"
            name="score"
            value={score}
            checked={value === score}
            onChange={() => onChange?.(score)}
            className="visually-hidden"
          />
          <span aria-hidden="true">★</span>
          <span className="visually-hidden">
            {score}星 {SCORE_WORDS[score]}
          </span>
        </label>
      ))}
    </div>
  );
}
