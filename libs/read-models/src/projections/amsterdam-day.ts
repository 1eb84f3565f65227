// The calendar day of a moment in the Netherlands: the domain's definition, used by projections.
export { amsterdamDay } from '@weerbaar/domain';
