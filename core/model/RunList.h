#pragma once
#include "model/Run.h"

#include <cstddef>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

namespace aioscope {

// A Session's runs, held by shared pointers so that copying a Session (a new
// snapshot of a streaming engine run, handed to the GUI) shares every run
// instead of copying its columns. It reads like a std::vector<Run>; writing
// through the non-const accessors copies a run first when another Session
// still shares it, so a Session keeps value semantics.
class RunList {
public:
    template <bool Mutable> class Iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = Run;
        using difference_type = std::ptrdiff_t;
        using reference = std::conditional_t<Mutable, Run&, const Run&>;
        using pointer = std::conditional_t<Mutable, Run*, const Run*>;
        using Owner = std::conditional_t<Mutable, RunList*, const RunList*>;
        Iterator() = default;
        Iterator(Owner owner, std::size_t index) : owner_(owner), index_(index) {}
        reference operator*() const { return (*owner_)[index_]; }
        pointer operator->() const { return &(*owner_)[index_]; }
        reference operator[](difference_type d) const { return (*owner_)[index_ + static_cast<std::size_t>(d)]; }
        Iterator& operator++() {
            ++index_;
            return *this;
        }
        Iterator operator++(int) {
            Iterator old = *this;
            ++index_;
            return old;
        }
        Iterator& operator--() {
            --index_;
            return *this;
        }
        Iterator operator--(int) {
            Iterator old = *this;
            --index_;
            return old;
        }
        Iterator& operator+=(difference_type d) {
            index_ = static_cast<std::size_t>(static_cast<difference_type>(index_) + d);
            return *this;
        }
        Iterator& operator-=(difference_type d) { return *this += -d; }
        friend Iterator operator+(Iterator it, difference_type d) { return it += d; }
        friend Iterator operator+(difference_type d, Iterator it) { return it += d; }
        friend Iterator operator-(Iterator it, difference_type d) { return it -= d; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) { return a.index_ == b.index_; }
        friend auto operator<=>(const Iterator& a, const Iterator& b) { return a.index_ <=> b.index_; }

    private:
        Owner owner_ = nullptr;
        std::size_t index_ = 0;
    };
    using value_type = Run;
    using size_type = std::size_t;
    using iterator = Iterator<true>;
    using const_iterator = Iterator<false>;

    std::size_t size() const { return runs_.size(); }
    bool empty() const { return runs_.empty(); }
    void reserve(std::size_t n) { runs_.reserve(n); }
    void clear() { runs_.clear(); }
    void pop_back() { runs_.pop_back(); }

    const Run& operator[](std::size_t i) const { return *runs_[i].run; }
    Run& operator[](std::size_t i) { return writable(i); }
    const Run& at(std::size_t i) const { return *runs_.at(i).run; }
    Run& at(std::size_t i) { return (void)runs_.at(i), writable(i); }
    const Run& front() const { return (*this)[0]; }
    Run& front() { return (*this)[0]; }
    const Run& back() const { return (*this)[size() - 1]; }
    Run& back() { return (*this)[size() - 1]; }

    void push_back(const Run& run) { runs_.push_back(Slot{std::make_shared<Run>(run), true}); }
    void push_back(Run&& run) { runs_.push_back(Slot{std::make_shared<Run>(std::move(run)), true}); }
    // Shares `run` (never copied until someone writes to it through this list).
    void push_back(std::shared_ptr<const Run> run) { runs_.push_back(Slot{std::move(run), false}); }
    Run& emplace_back() {
        runs_.push_back(Slot{std::make_shared<Run>(), true});
        return writable(size() - 1);
    }
    // The run at `i`, to share with another Session.
    std::shared_ptr<const Run> shared(std::size_t i) const { return runs_.at(i).run; }
    // Replaces the run at `i` by a shared one.
    void replace(std::size_t i, std::shared_ptr<const Run> run) { runs_.at(i) = Slot{std::move(run), false}; }

    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    iterator begin() { return {this, 0}; }
    iterator end() { return {this, size()}; }

    bool operator==(const RunList& other) const {
        if (size() != other.size())
            return false;
        for (std::size_t i = 0; i < size(); ++i)
            if (runs_[i].run != other.runs_[i].run && !(*runs_[i].run == *other.runs_[i].run))
                return false;
        return true;
    }

private:
    struct Slot {
        std::shared_ptr<const Run> run;
        bool ownMutable = false; // made here as a non-const Run (so writing to it is allowed)
    };
    Run& writable(std::size_t i) {
        Slot& s = runs_[i];
        if (!s.ownMutable || s.run.use_count() > 1) {
            s.run = std::make_shared<Run>(*s.run);
            s.ownMutable = true;
        }
        return const_cast<Run&>(*s.run);
    }
    std::vector<Slot> runs_;
};

} // namespace aioscope
